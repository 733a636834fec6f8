import numpy as np  # noqa: F401


def binary_cross_entropy(y_true, y_pred, eps=1e-12):
    """y_true: labels in {0, 1}; y_pred: probabilities in [0, 1]; same shape.

    Return the mean of -(y log p + (1 - y) log(1 - p)) over all elements as a Python float,
    with p = y_pred clipped to [eps, 1 - eps].
    """
    raise NotImplementedError
