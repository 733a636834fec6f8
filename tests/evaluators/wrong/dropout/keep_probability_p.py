# expect: keep probability is p
import numpy as np


def dropout(x, p, training, rng):
    if not training or p == 0:
        return x
    if p == 1:
        return np.zeros_like(x)
    mask = rng.random(x.shape) < p
    return x * mask / (1 - p)
