# expect: the bonus token comes from target_probs[k]
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    k = len(draft_tokens)
    for i in range(k):
        x = int(draft_tokens[i])
        if rng.random() * draft_probs[i, x] < target_probs[i, x]:
            out.append(x)
            continue
        residual = np.maximum(target_probs[i] - draft_probs[i], 0)
        out.append(int(rng.choice(len(residual), p=residual / residual.sum())))
        return out
    row = target_probs[k - 1] if k else target_probs[0]
    out.append(int(rng.choice(len(row), p=row)))
    return out
