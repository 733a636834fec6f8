import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def two_layer_mlp_grads(X, y, W1, b1, W2, b2):
    m = X.shape[0]
    a1 = _sigmoid(X @ W1 + b1)
    a2 = _sigmoid(a1 @ W2 + b2)
    dz2 = (a2 - y) / m                      # BCE + sigmoid
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
