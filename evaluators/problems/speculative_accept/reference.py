from bisect import bisect_right
from itertools import accumulate

import numpy as np


def _sample(weights, rng):
    """One index drawn with probability proportional to ``weights`` (inverse CDF: one uniform
    from ``rng``, a binary search over the running sums; far cheaper than ``rng.choice(p=...)``)."""
    w = weights.tolist()
    cdf = list(accumulate(w))
    i = min(bisect_right(cdf, rng.random() * cdf[-1]), len(w) - 1)
    while w[i] <= 0:  # u * total landed exactly on the end of the last positive bin
        i -= 1
    return i


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    q = np.asarray(draft_probs, dtype=np.float64)
    p = np.asarray(target_probs, dtype=np.float64)
    out = []
    for i, x in enumerate(draft_tokens):
        x = int(x)
        # accept with probability min(1, p/q): u < p/q, written without the division (q > 0)
        if rng.random() * q[i, x] < p[i, x]:
            out.append(x)
            continue
        out.append(_sample(np.maximum(p[i] - q[i], 0.0), rng))
        return out
    out.append(_sample(p[len(out)], rng))
    return out
