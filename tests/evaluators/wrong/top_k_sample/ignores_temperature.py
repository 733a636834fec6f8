# expect: the temperature is not applied
# Filters to the top k but forgets the temperature.
import numpy as np


def top_k_sample(logits, k, temperature, rng):
    top = np.argsort(logits)[::-1][:k]
    p = np.exp(logits[top] - logits[top].max())
    p /= p.sum()
    return int(top[rng.choice(k, p=p)])
