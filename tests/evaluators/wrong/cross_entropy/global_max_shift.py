# expect: stability_rows_at_different_scales
# Subtracts the global max instead of each row's max: rows far below it underflow to log(0).
import numpy as np


def cross_entropy(logits, targets):
    z = logits - logits.max()
    lse = np.log(np.exp(z).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(targets)), targets]))
