# expect: epsilon
# Stable softmax, but log(p + 1e-12) caps each sample's loss at ~27.6 when p underflows.
import numpy as np


def cross_entropy(logits, targets):
    z = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return float(-np.log(probs[np.arange(len(targets)), targets] + 1e-12).mean())
