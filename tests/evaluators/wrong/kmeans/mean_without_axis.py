# expect: not the mean of its points
# Averages over every coordinate of the cluster (a scalar) instead of over axis 0.
import numpy as np


def kmeans(X, k, n_iters=100, seed=0):
    rng = np.random.default_rng(seed)
    C = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        d2 = np.min(((X[:, None] - np.array(C)[None]) ** 2).sum(-1), axis=1)
        p = d2 / d2.sum() if d2.sum() > 0 else None
        C.append(X[rng.choice(len(X), p=p)])
    C = np.array(C, dtype=float)
    for _ in range(n_iters):
        labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
        new = C.copy()
        for j in range(k):
            if np.any(labels == j):
                new[j] = X[labels == j].mean()
        if np.allclose(new, C):
            break
        C = new
    return C, labels
