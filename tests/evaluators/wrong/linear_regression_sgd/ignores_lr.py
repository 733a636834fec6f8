# expect: ignored
# Hard-codes the learning rate instead of using the argument.
import numpy as np


def linear_regression_sgd(X, y, lr=0.01, epochs=100, seed=0):
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        for i in rng.permutation(n):
            err = X[i] @ w + b - y[i]
            w -= 0.01 * err * X[i]
            b -= 0.01 * err
    return w, b
