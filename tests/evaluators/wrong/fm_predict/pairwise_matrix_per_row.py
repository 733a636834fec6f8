# expect: time_budget
# O(n^2) per row: builds the full interaction matrix and sums its upper triangle for every row.
import numpy as np


def fm_predict(X, w0, w, V):
    M = V @ V.T
    np.fill_diagonal(M, 0.0)
    out = np.empty(X.shape[0])
    for r in range(X.shape[0]):
        x = X[r]
        out[r] = w0 + x @ w + 0.5 * (x @ M @ x)
    return out
