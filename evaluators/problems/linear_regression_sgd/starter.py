import numpy as np  # noqa: F401


def linear_regression_sgd(X, y, lr=0.01, epochs=100, seed=0):
    """X: (n, d) float array; y: (n,) targets.

    SGD from zeros on the per-sample loss 0.5 * (y_hat - y)^2, one sample per update, visiting
    the samples in a fresh random order each epoch drawn from np.random.default_rng(seed).
    Return (w (d,), b float).
    """
    raise NotImplementedError
