import numpy as np


def logistic_regression_fit(X, y, lr=0.1, epochs=1000):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        z = X @ w + b
        e = np.exp(-np.abs(z))                  # stable sigmoid
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        g = p - y
        w = w - lr * (X.T @ g) / n
        b = b - lr * g.mean()
    return w, float(b)
