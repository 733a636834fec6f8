import numpy as np


def _sq_dists(X, C):
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)


def _kmeans_pp(X, k, rng):
    centroids = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        d2 = _sq_dists(X, np.array(centroids)).min(axis=1)
        total = d2.sum()
        # when every point already coincides with a centroid, any point will do
        idx = rng.choice(len(X), p=d2 / total) if total > 0 else rng.integers(len(X))
        centroids.append(X[idx])
    return np.array(centroids, dtype=np.float64)


def kmeans(X, k, n_iters=100, seed=0):
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.default_rng(seed)
    centroids = _kmeans_pp(X, k, rng)
    labels = _sq_dists(X, centroids).argmin(axis=1)
    for _ in range(n_iters):
        new = centroids.copy()
        for j in range(k):
            members = X[labels == j]
            if len(members):  # an empty cluster keeps its centroid
                new[j] = members.mean(axis=0)
        new_labels = _sq_dists(X, new).argmin(axis=1)
        converged = np.array_equal(new_labels, labels) and np.allclose(new, centroids)
        centroids, labels = new, new_labels
        if converged:
            break
    return centroids, labels
