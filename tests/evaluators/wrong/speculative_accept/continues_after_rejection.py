# expect: stop at the first rejection
# Replaces a rejected draft by a residual sample but keeps verifying the next drafts.
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, target_probs[i][x] / draft_probs[i][x]):
            out.append(int(x))
        else:
            residual = np.maximum(target_probs[i] - draft_probs[i], 0)
            out.append(int(rng.choice(len(residual), p=residual / residual.sum())))
    out.append(int(rng.choice(target_probs.shape[1], p=target_probs[len(draft_tokens)])))
    return out
