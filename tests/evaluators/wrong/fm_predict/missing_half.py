# expect: 0.5 factor
import numpy as np


def fm_predict(X, w0, w, V):
    XV = X @ V
    return w0 + X @ w + ((XV ** 2) - (X ** 2) @ (V ** 2)).sum(axis=1)
