# expect: return zeros instead of dividing
import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x
    mask = (rng.random(x.shape) >= p).astype(x.dtype)
    return x * mask / (1 - p)
