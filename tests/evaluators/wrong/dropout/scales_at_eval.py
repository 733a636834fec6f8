# expect: dropout is the identity
# Mixes the two conventions: inverted scaling in training AND (1 - p) at evaluation.
import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x * (1 - p)
    if p == 1:
        return np.zeros_like(x)
    return np.where(rng.random(x.shape) < p, 0.0, x / (1 - p))
