# expect: clip y_pred
# Forgets to clip: log(0) gives inf / nan on exact 0 and 1 predictions.
import numpy as np


def binary_cross_entropy(y_true, y_pred, eps=1e-12):
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
