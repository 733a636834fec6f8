"""k-means (Lloyd + k-means++ or restarts), judged on well-separated blobs over 3 seeds.

Each seed's result must be a Lloyd fixed point (labels = nearest centroid, non-empty centroid =
mean of its points); the best inertia over the seeds must be within 10% of the reference's. One
case has duplicate points and k above the number of distinct points, so clusters must go empty.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("sklearn", "scipy.cluster", "faiss", "torch.cdist")
SEEDS = (0, 1, 2)
INERTIA_SLACK = 1.10


def sq_dists(x: np.ndarray, c: np.ndarray) -> np.ndarray:
    return ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)


def reference_kmeans(x: np.ndarray, k: int, seed: int, n_iters: int = 100) -> np.ndarray:
    """float64 k-means++ then Lloyd; an empty cluster keeps its centroid. Returns centroids."""
    rng = np.random.default_rng(seed)
    centroids = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        d2 = sq_dists(x, np.array(centroids)).min(axis=1)
        total = d2.sum()
        idx = rng.choice(len(x), p=d2 / total) if total > 0 else rng.integers(len(x))
        centroids.append(x[idx])
    c = np.array(centroids, dtype=np.float64)
    for _ in range(n_iters):
        labels = sq_dists(x, c).argmin(axis=1)
        new = np.array([x[labels == j].mean(axis=0) if (labels == j).any() else c[j]
                        for j in range(k)])
        if np.allclose(new, c, rtol=0, atol=1e-12):
            break
        c = new
    return c


def inertia(x: np.ndarray, c: np.ndarray) -> float:
    return float(sq_dists(x, c).min(axis=1).sum())


def _result(outputs: Outputs, i: int, n: int, k: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    seed = SEEDS[i]
    c = compare.as_array(outputs, f"centroids_{i}", "ndarray", f"centroids (seed={seed})")
    if c.shape != (k, d):
        raise CaseFailure(f"centroids (seed={seed}) should have shape ({k}, {d}), got {c.shape}")
    labels = np.array(compare.as_int_list(outputs, f"labels_{i}", f"labels (seed={seed})"))
    if labels.shape != (n,):
        raise CaseFailure(f"labels (seed={seed}) should have shape ({n},), got {labels.shape}")
    if labels.min() < 0 or labels.max() >= k:
        raise CaseFailure(f"labels (seed={seed}) must lie in [0, {k}), got {labels.min()}..."
                          f"{labels.max()}")
    bad = np.argwhere(~np.isfinite(c))
    if len(bad):
        raise CaseFailure(f"centroid {bad[0][0]} (seed={seed}) is {c[bad[0][0]].tolist()}: the "
                          "mean of an empty cluster is 0/0 = NaN — keep its previous centroid "
                          "or re-seed it")
    return c, labels


def _check_fixed_point(x: np.ndarray, c: np.ndarray, labels: np.ndarray, seed: int) -> None:
    d2 = sq_dists(x, c)
    own = d2[np.arange(len(x)), labels]
    scale = float(np.abs(x).max()) ** 2 + 1.0
    worse = np.flatnonzero(own > d2.min(axis=1) + 1e-9 * scale)
    if len(worse):
        i = int(worse[0])
        raise CaseFailure(f"seed={seed}: point {i} has label {labels[i]} but centroid "
                          f"{int(d2[i].argmin())} is nearer (squared distance "
                          f"{d2[i].min():.4g} vs {own[i]:.4g}); labels must be the nearest "
                          "centroid")
    for j in range(len(c)):
        members = x[labels == j]
        if len(members) and not np.allclose(c[j], members.mean(axis=0), rtol=1e-6,
                                            atol=1e-7 * np.sqrt(scale)):
            raise CaseFailure(f"seed={seed}: centroid {j} is {np.round(c[j], 4).tolist()} but "
                              f"the mean of its {len(members)} points is "
                              f"{np.round(members.mean(axis=0), 4).tolist()} — not the mean of "
                              "its points (average over axis 0; stop only after convergence)")


def _check(x: np.ndarray, k: int, truth: np.ndarray | None):
    n, d = x.shape
    ref = None
    if truth is not None:
        fits = [inertia(x, reference_kmeans(x, k, s)) for s in SEEDS]
        ref = min(*fits, float(((x - truth[sq_dists(x, truth).argmin(axis=1)]) ** 2).sum()))

    def check(outputs: Outputs) -> None:
        results = [_result(outputs, i, n, k, d) for i in range(len(SEEDS))]
        for seed, (c, labels) in zip(SEEDS, results, strict=True):
            _check_fixed_point(x, c, labels, seed)
        if ref is None:
            return
        best = min(inertia(x, c) for c, _ in results)
        if best > INERTIA_SLACK * ref + 1e-9:
            raise CaseFailure(f"best inertia over seeds {list(SEEDS)} is {best:.4g}, more than "
                              f"10% above the reference's {ref:.4g}: stuck in a poor local "
                              "minimum — use k-means++ initialization (or several restarts)")

    return check


def _blobs(rng: np.random.Generator, sizes: list[int], d: int) -> tuple[np.ndarray, np.ndarray]:
    while True:
        centres = rng.uniform(-20, 20, size=(len(sizes), d))
        gaps = sq_dists(centres, centres) + np.eye(len(sizes)) * 1e9
        if np.sqrt(gaps.min()) > 12:
            break
    x = np.concatenate([c + rng.standard_normal((m, d)) for c, m in zip(centres, sizes,
                                                                           strict=True)])
    return x[rng.permutation(len(x))], centres


def _case(name: str, x: np.ndarray, k: int, truth: np.ndarray | None, n_iters: int | None = None,
          weight: float = 1.0) -> Case:
    payload = {"X": x, "k": k, "seeds": list(SEEDS), "n_iters": n_iters}
    return Case(name=name, payload=payload, check=_check(x, k, truth), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    cases = [
        _case("one_cluster_is_the_mean", rng.standard_normal((31, 3)) * 2 + 5, 1, None, None,
              0.5),
    ]
    for name, sizes, d, n_iters, weight in [
        ("three_blobs_2d", [50, 60, 40], 2, None, 1.5),
        ("five_unequal_blobs_4d", [120, 15, 60, 33, 80], 4, None, 1.5),
        ("two_blobs_1d", [20, 31], 1, None, 1.0),
        ("five_blobs_3d_n_iters_50", [25, 40, 30, 20, 35], 3, 50, 1.5),
    ]:
        x, centres = _blobs(rng, sizes, d)
        cases.append(_case(name, x, len(sizes), centres, n_iters, weight))
    centres = np.array([[0.0, 0.0], [15.0, 0.0], [0.0, 15.0], [150.0, 150.0]])
    far = np.concatenate([c + rng.standard_normal((m, 2)) for c, m in zip(centres, [40, 30, 35, 25],
                                                                           strict=True)])
    cases.append(_case("far_blob_stretches_bounding_box", far, 4, centres, weight=1.5))
    points = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    dup = np.repeat(points, 6, axis=0)[rng.permutation(18)]
    cases.append(_case("empty_cluster_duplicate_points_k5", dup, 5, None))
    return cases


PROBLEM = Problem(
    id="kmeans",
    title_zh="K-means 聚类",
    title_en="K-means clustering",
    difficulty="medium",
    tags=("classic-ml", "clustering", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
