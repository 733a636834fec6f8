# expect: mask looks shared
# One mask per feature, broadcast over the batch.
import numpy as np


def dropout(x, p, training, rng):
    if not training or p == 0:
        return x
    if p == 1:
        return np.zeros_like(x)
    mask = rng.random(x.shape[-1]) >= p
    return x * mask / (1 - p)
