# expect: multiply instead of divide
# Scales the logits by T instead of 1/T.
import numpy as np


def temperature_sample(logits, temperature, rng):
    z = logits * temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(rng.choice(len(p), p=p))
