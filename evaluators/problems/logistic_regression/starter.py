import numpy as np  # noqa: F401


def logistic_regression_fit(X, y, lr=0.1, epochs=1000):
    """X: (n, d) float array; y: (n,) labels in {0, 1}.

    Full-batch gradient descent on the mean binary cross-entropy of sigmoid(X w + b),
    starting from w = 0, b = 0, for `epochs` steps. Return (w (d,), b float).
    """
    raise NotImplementedError
