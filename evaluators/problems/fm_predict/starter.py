import numpy as np  # noqa: F401


def fm_predict(X, w0, w, V):
    """X (N, n), w0 float, w (n,), V (n, k).

    y = w0 + X w + sum_{i<j} <V_i, V_j> x_i x_j for each row, in O(k n) per row.
    Return an ndarray of shape (N,).
    """
    raise NotImplementedError
