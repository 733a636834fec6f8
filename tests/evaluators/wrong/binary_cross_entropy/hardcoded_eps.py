# expect: hard-coded epsilon
# Clips with a fixed 1e-7 and ignores the eps argument.
import numpy as np


def binary_cross_entropy(y_true, y_pred, eps=1e-12):
    p = np.clip(y_pred, 1e-7, 1 - 1e-7)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
