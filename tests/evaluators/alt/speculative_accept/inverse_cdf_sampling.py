# Samples by inverse CDF with rng.random() instead of rng.choice; accepts by u * q < p.
import numpy as np


def _sample(probs, rng):
    cdf = np.cumsum(probs)
    u = rng.random() * cdf[-1]
    i = int(np.searchsorted(cdf, u, side="right"))
    i = min(i, len(probs) - 1)
    while probs[i] == 0:
        i -= 1
    return i


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    q = np.asarray(draft_probs, dtype=float)
    p = np.asarray(target_probs, dtype=float)
    accepted = []
    for i, tok in enumerate(np.asarray(draft_tokens, dtype=int).tolist()):
        if rng.random() * q[i, tok] < p[i, tok]:
            accepted.append(tok)
        else:
            return accepted + [_sample(np.maximum(p[i] - q[i], 0.0), rng)]
    return accepted + [_sample(p[len(accepted)], rng)]
