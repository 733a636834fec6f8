# expect: identically seeded
# Correct distribution, but draws from the global np.random state instead of rng.
import numpy as np


def temperature_sample(logits, temperature, rng):
    z = logits / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(np.random.choice(len(p), p=p))
