# expect: one token too many
# Keeps every token up to and including the first one whose cumulative probability EXCEEDS
# the crossing point, i.e. one extra token.
import numpy as np


def top_p_sample(logits, p, temperature, rng):
    z = logits / temperature
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    order = np.argsort(-probs)
    cum = np.cumsum(probs[order])
    size = len(order) if p >= 1 else min(len(order), int(np.sum(cum < p)) + 2)
    keep = order[:size]
    q = probs[keep] / probs[keep].sum()
    return int(keep[rng.choice(size, p=q)])
