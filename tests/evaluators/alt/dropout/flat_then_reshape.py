# Draws a flat mask and reshapes it.
import numpy as np


def dropout(x, p, training, rng):
    x = np.asarray(x, dtype=np.float64)
    if not training or p == 0.0:
        return x.copy()
    keep = (rng.random(x.size) >= p).reshape(x.shape)
    scale = 0.0 if p == 1.0 else 1.0 / (1.0 - p)
    return np.where(keep, x * scale, 0.0)
