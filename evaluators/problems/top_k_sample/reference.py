import numpy as np


def top_k_sample(logits, k, temperature, rng):
    logits = np.asarray(logits, dtype=np.float64)
    top = np.argsort(logits)[::-1][:k]
    z = logits[top] / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(top[rng.choice(len(top), p=p)])
