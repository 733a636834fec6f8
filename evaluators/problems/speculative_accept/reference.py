import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    draft_probs = np.asarray(draft_probs, dtype=np.float64)
    target_probs = np.asarray(target_probs, dtype=np.float64)
    out = []
    for i, x in enumerate(draft_tokens):
        x = int(x)
        p, q = target_probs[i, x], draft_probs[i, x]
        if rng.random() < min(1.0, p / q):
            out.append(x)
            continue
        residual = np.maximum(target_probs[i] - draft_probs[i], 0.0)
        residual /= residual.sum()
        out.append(int(rng.choice(len(residual), p=residual)))
        return out
    bonus = target_probs[len(out)]
    out.append(int(rng.choice(len(bonus), p=bonus)))
    return out
