# expect: append a bonus token
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, target_probs[i][x] / draft_probs[i][x]):
            out.append(int(x))
            continue
        residual = np.clip(target_probs[i] - draft_probs[i], 0, None)
        out.append(int(rng.choice(len(residual), p=residual / residual.sum())))
        return out
    if not out:
        out.append(int(rng.choice(target_probs.shape[1], p=target_probs[0])))
    return out
