# expect: log-sum-exp
# Exponentiates raw logits: exp(1e4) overflows to inf and the loss becomes nan.
import numpy as np


def cross_entropy(logits, targets):
    e = np.exp(logits)
    probs = e / e.sum(axis=1, keepdims=True)
    return float(-np.log(probs[np.arange(len(targets)), targets]).mean())
