# expect: identically seeded
import numpy as np


def dropout(x, p, training, rng):
    if not training or p == 0:
        return x
    if p == 1:
        return np.zeros_like(x)
    return x * (np.random.rand(*x.shape) >= p) / (1 - p)
