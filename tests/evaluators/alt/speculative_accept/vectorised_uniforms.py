# Draws all K uniforms at once, finds the first rejection with argmax.
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    toks = np.asarray(draft_tokens, dtype=np.int64).reshape(-1)
    k = len(toks)
    if k:
        idx = np.arange(k)
        ratio = np.minimum(1.0, target_probs[idx, toks] / draft_probs[idx, toks])
        rejected = rng.random(k) >= ratio
    else:
        rejected = np.zeros(0, dtype=bool)
    if rejected.any():
        n = int(np.argmax(rejected))
        resid = np.maximum(target_probs[n] - draft_probs[n], 0.0)
        last = rng.choice(resid.size, p=resid / resid.sum())
    else:
        n = k
        last = rng.choice(target_probs.shape[1], p=target_probs[k])
    return [int(t) for t in toks[:n]] + [int(last)]
