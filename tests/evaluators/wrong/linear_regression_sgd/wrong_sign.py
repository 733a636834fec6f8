# expect: diverged
# Steps up the gradient: err is (y_hat - y) but it is added.
import numpy as np


def linear_regression_sgd(X, y, lr=0.01, epochs=100, seed=0):
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        for i in rng.permutation(n):
            err = X[i] @ w + b - y[i]
            w += lr * err * X[i]
            b += lr * err
    return w, b
