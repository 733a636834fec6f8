# u > p keeps (instead of >=), scale precomputed, masked assignment.
import numpy as np


def dropout(x, p, training, rng):
    out = np.array(x, dtype=float, copy=True)
    if training and p > 0:
        drop = rng.uniform(0.0, 1.0, size=out.shape) <= p
        out[drop] = 0.0
        if p < 1:
            out[~drop] *= 1.0 / (1.0 - p)
    return out
