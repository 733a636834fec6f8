# expect: instead of clipping
# Adds eps inside the log instead of clipping p to [eps, 1 - eps].
import numpy as np


def binary_cross_entropy(y_true, y_pred, eps=1e-12):
    return float(-np.mean(y_true * np.log(y_pred + eps) + (1 - y_true) * np.log(1 - y_pred + eps)))
