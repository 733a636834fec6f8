# expect: large_logits_stability
# exp() of the raw scaled logits overflows for logits around 1000.
import numpy as np


def temperature_sample(logits, temperature, rng):
    p = np.exp(logits / temperature)
    p = p / p.sum()
    return int(rng.choice(len(p), p=p))
