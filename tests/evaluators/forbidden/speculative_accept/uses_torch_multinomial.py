# Samples with torch: numpy only is allowed.
import numpy as np
import torch


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    out = []
    for i, x in enumerate(draft_tokens):
        x = int(x)
        if rng.random() < min(1.0, target_probs[i, x] / draft_probs[i, x]):
            out.append(x)
            continue
        residual = torch.clamp(torch.from_numpy(target_probs[i] - draft_probs[i]), min=0)
        out.append(int(torch.multinomial(residual / residual.sum(), 1)))
        return out
    out.append(int(rng.choice(target_probs.shape[1], p=target_probs[len(out)])))
    return out
