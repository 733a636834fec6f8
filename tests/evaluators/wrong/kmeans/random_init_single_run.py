# expect: inertia
# Uniform random centroids inside the bounding box, one run, and empty clusters keep their
# centroid: far-away initial centroids never capture a point, so blobs get merged.
import numpy as np


def kmeans(X, k, n_iters=100, seed=0):
    rng = np.random.default_rng(seed)
    C = rng.uniform(X.min(0), X.max(0), size=(k, X.shape[1]))
    for _ in range(n_iters):
        labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
        new = np.array([X[labels == j].mean(0) if np.any(labels == j) else C[j] for j in range(k)])
        if np.allclose(new, C):
            break
        C = new
    labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
    return C, labels
