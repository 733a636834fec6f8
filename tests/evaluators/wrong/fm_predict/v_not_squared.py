# expect: V is not squared
import numpy as np


def fm_predict(X, w0, w, V):
    XV = X @ V
    return w0 + X @ w + 0.5 * ((XV ** 2) - (X ** 2) @ V).sum(axis=1)
