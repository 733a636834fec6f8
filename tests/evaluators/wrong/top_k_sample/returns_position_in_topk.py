# expect: probability 0
# Returns the position inside the top-k list instead of the vocabulary id.
import numpy as np


def top_k_sample(logits, k, temperature, rng):
    top = np.argsort(logits)[::-1][:k]
    z = logits[top] / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    return int(rng.choice(k, p=p))
