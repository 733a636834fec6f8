# expect: identically seeded
# Uses np.random instead of the rng argument.
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if np.random.random() < min(1.0, target_probs[i][x] / draft_probs[i][x]):
            out.append(int(x))
            continue
        residual = np.maximum(target_probs[i] - draft_probs[i], 0)
        out.append(int(np.random.choice(len(residual), p=residual / residual.sum())))
        return out
    out.append(int(np.random.choice(target_probs.shape[1], p=target_probs[len(draft_tokens)])))
    return out
