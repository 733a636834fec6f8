# expect: sum over samples
# Returns the total loss instead of the mean over the batch.
import numpy as np


def cross_entropy(logits, targets):
    z = logits - logits.max(axis=1, keepdims=True)
    lse = np.log(np.exp(z).sum(axis=1))
    return float(np.sum(lse - z[np.arange(len(targets)), targets]))
