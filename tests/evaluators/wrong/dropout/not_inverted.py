# expect: survivors are not scaled
# Classic (non-inverted) dropout: no scaling at training time.
import numpy as np


def dropout(x, p, training, rng):
    if not training:
        return x
    return x * (rng.random(x.shape) >= p)
