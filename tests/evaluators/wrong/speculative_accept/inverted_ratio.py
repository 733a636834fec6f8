# expect: ratio is p_i[x] / q_i[x]
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        p, q = target_probs[i][x], draft_probs[i][x]
        if p == 0 or rng.random() < min(1.0, q / p):
            out.append(int(x))
            continue
        residual = np.maximum(target_probs[i] - draft_probs[i], 0)
        out.append(int(rng.choice(len(residual), p=residual / residual.sum())))
        return out
    out.append(int(rng.choice(target_probs.shape[1], p=target_probs[-1])))
    return out
