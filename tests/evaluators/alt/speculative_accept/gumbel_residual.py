# Samples with the Gumbel-max trick on log-probabilities.
import math

import numpy as np


def _draw(weights, rng):
    with np.errstate(divide="ignore"):
        logw = np.log(weights)
    return int(np.argmax(logw + rng.gumbel(size=len(weights))))


def speculative_accept(draft_probs, target_probs, draft_tokens, rng):
    result = []
    for i, token in enumerate(draft_tokens):
        token = int(token)
        accept = min(1.0, target_probs[i][token] / draft_probs[i][token])
        if rng.uniform() < accept:
            result.append(token)
            continue
        result.append(_draw(np.maximum(target_probs[i] - draft_probs[i], 0.0), rng))
        return result
    result.append(_draw(target_probs[len(result)], rng))
    return result
