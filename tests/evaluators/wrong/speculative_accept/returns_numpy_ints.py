# expect: must return python ints
# Appends the draft token as given: an np.int64 when draft_tokens is an array.
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, target_probs[i][x] / draft_probs[i][x]):
            out.append(x)
            continue
        residual = np.maximum(target_probs[i] - draft_probs[i], 0)
        out.append(rng.choice(len(residual), p=residual / residual.sum()))
        return out
    out.append(rng.choice(target_probs.shape[1], p=target_probs[len(draft_tokens)]))
    return out
