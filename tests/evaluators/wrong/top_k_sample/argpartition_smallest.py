# expect: probability 0
# np.argpartition(logits, k)[:k] picks the k SMALLEST logits.
import numpy as np


def top_k_sample(logits, k, temperature, rng):
    top = np.argpartition(logits, k - 1)[:k]
    z = logits[top] / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(top[rng.choice(len(top), p=p)])
