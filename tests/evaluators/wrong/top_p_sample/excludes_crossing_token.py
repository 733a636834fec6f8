# expect: including the crossing token
# Keeps only tokens with cumulative probability < p, dropping the one that crosses p.
import numpy as np


def top_p_sample(logits, p, temperature, rng):
    z = logits / temperature
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    order = np.argsort(-probs)
    cum = np.cumsum(probs[order])
    keep = order[cum < p] if p < 1 else order
    if len(keep) == 0:
        keep = order[:1]
    q = probs[keep] / probs[keep].sum()
    return int(keep[rng.choice(len(keep), p=q)])
