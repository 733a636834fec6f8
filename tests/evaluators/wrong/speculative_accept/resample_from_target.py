# expect: resampling from target_probs[i] after a rejection
import numpy as np


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        if rng.random() < min(1.0, target_probs[i][x] / draft_probs[i][x]):
            out.append(int(x))
        else:
            out.append(int(rng.choice(len(target_probs[i]), p=target_probs[i])))
            return out
    out.append(int(rng.choice(target_probs.shape[1], p=target_probs[len(draft_tokens)])))
    return out
