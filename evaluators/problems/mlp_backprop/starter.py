import numpy as np  # noqa: F401


def two_layer_mlp_grads(X, y, W1, b1, W2, b2):
    """X (m, n), y (m, 1) in {0, 1}, W1 (n, h), b1 (1, h), W2 (h, 1), b2 (1, 1).

    a1 = sigmoid(X W1 + b1), a2 = sigmoid(a1 W2 + b2), loss = mean binary cross-entropy.
    Return {"dW1", "db1", "dW2", "db2"}, each with the shape of its parameter.
    """
    raise NotImplementedError
