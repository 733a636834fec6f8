# expect: the temperature is not applied
# Samples from softmax(logits) and never uses the temperature.
import numpy as np


def temperature_sample(logits, temperature, rng):
    p = np.exp(logits - logits.max())
    p /= p.sum()
    return int(rng.choice(len(p), p=p))
