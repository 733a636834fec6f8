import numpy as np


def linear_regression_sgd(X, y, lr=0.01, epochs=100, seed=0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        for i in rng.permutation(n):
            err = X[i] @ w + b - y[i]
            w -= lr * err * X[i]
            b -= lr * err
    return w, float(b)
