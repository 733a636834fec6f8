# expect: off by one
# Off-by-one slice: keeps k + 1 tokens.
import numpy as np


def top_k_sample(logits, k, temperature, rng):
    top = np.argsort(logits)[::-1][:k + 1]
    z = logits[top] / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(top[rng.choice(len(top), p=p)])
