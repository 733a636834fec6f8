# expect: mask them with -inf
# Zeroes the dropped logits instead of masking them, so they keep probability mass.
import numpy as np


def top_k_sample(logits, k, temperature, rng):
    top = np.argsort(logits)[-k:]
    masked = np.zeros_like(logits)
    masked[top] = logits[top]
    z = masked / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(rng.choice(len(p), p=p))
