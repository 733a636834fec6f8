import numpy as np


def dropout(x, p, training, rng):
    if not training or p == 0:
        return np.array(x, dtype=np.float64)
    if p >= 1:
        return np.zeros(np.shape(x))
    mask = rng.binomial(1, 1 - p, size=np.shape(x))
    return mask * x / (1 - p)
