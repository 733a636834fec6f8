# expect: probability 0
# Accumulates probabilities in vocabulary order instead of sorting them first.
import numpy as np


def top_p_sample(logits, p, temperature, rng):
    z = logits / temperature
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    cum = np.cumsum(probs)
    size = len(probs) if p >= 1 else int(np.searchsorted(cum, p)) + 1
    q = probs[:size] / probs[:size].sum()
    return int(rng.choice(size, p=q))
