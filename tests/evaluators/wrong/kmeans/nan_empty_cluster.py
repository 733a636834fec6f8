# expect: nan
# Robust k-means++, but an empty cluster's centroid becomes mean([]) = NaN.
import numpy as np


def kmeans(X, k, n_iters=100, seed=0):
    rng = np.random.default_rng(seed)
    C = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        d2 = np.min(((X[:, None] - np.array(C)[None]) ** 2).sum(-1), axis=1)
        p = d2 / d2.sum() if d2.sum() > 0 else np.full(len(X), 1 / len(X))
        C.append(X[rng.choice(len(X), p=p)])
    C = np.array(C)
    for _ in range(n_iters):
        labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
        new = np.array([X[labels == j].mean(0) for j in range(k)])
        if np.allclose(new, C):
            break
        C = new
    return C, labels
