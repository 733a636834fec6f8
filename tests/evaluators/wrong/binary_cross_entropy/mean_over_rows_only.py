# expect: two_dim_inputs_mean_over_all
# Divides by the number of rows, not the number of elements.
import numpy as np


def binary_cross_entropy(y_true, y_pred, eps=1e-12):
    p = np.clip(y_pred, eps, 1 - eps)
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)) / len(y_true))
