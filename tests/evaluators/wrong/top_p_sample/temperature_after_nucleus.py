# expect: apply the temperature before choosing the nucleus
# Chooses the nucleus from softmax(logits) and only then applies the temperature.
import numpy as np


def top_p_sample(logits, p, temperature, rng):
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    order = np.argsort(-probs)
    cum = np.cumsum(probs[order])
    size = len(order) if p >= 1 else int(np.searchsorted(cum, p)) + 1
    keep = order[:size]
    z = logits[keep] / temperature
    q = np.exp(z - z.max())
    q /= q.sum()
    return int(keep[rng.choice(size, p=q)])
