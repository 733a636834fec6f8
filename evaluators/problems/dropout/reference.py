import numpy as np


def dropout(x, p, training, rng):
    x = np.asarray(x, dtype=np.float64)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    return np.where(keep, x / (1.0 - p), 0.0)
