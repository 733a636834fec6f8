import numpy as np


def top_p_sample(logits, p, temperature, rng):
    z = np.asarray(logits, dtype=np.float64) / temperature
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    order = np.argsort(probs)[::-1]
    sorted_probs = probs[order]
    if p >= 1.0:
        size = len(probs)
    else:
        before = np.cumsum(sorted_probs) - sorted_probs  # mass strictly before each token
        size = max(1, int(np.sum(before < p)))
    kept = sorted_probs[:size] / sorted_probs[:size].sum()
    return int(order[rng.choice(size, p=kept)])
