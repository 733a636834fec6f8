# expect: true value
# Full-batch gradient descent: only `epochs` updates, far from converged.
import numpy as np


def linear_regression_sgd(X, y, lr=0.01, epochs=100, seed=0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        err = X @ w + b - y
        w -= lr * X.T @ err / n
        b -= lr * err.mean()
    return w, b
