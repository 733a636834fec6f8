"""Linear regression by per-sample SGD on noiseless standardized data (numpy).

Judged on recovering the true weights within 0.05 (either gradient convention, with or without
the factor 2), plus one property case: one epoch at a tiny learning rate must move only part of
the way, which catches ignoring ``lr``/``epochs``, full-batch updates and closed-form solvers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import numpy_scalar
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("sklearn", "statsmodels", "scipy.optimize", "scipy.linalg", "numpy.linalg.lstsq",
             "numpy.linalg.solve", "numpy.linalg.inv", "numpy.linalg.pinv", "torch.linalg",
             "torch.optim")
RECOVERY_TOL = 0.05


def sgd(x: np.ndarray, y: np.ndarray, lr: float, epochs: int, seed: int,
        factor: float) -> np.ndarray:
    """float64 per-sample SGD; ``factor`` 1 or 2 is the gradient convention. Returns [w, b]."""
    rng = np.random.default_rng(seed)
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.permutation(len(y)):
            err = factor * (x[i] @ w + b - y[i])
            w -= lr * err * x[i]
            b -= lr * err
    return np.append(w, b)


def _result(outputs: Outputs, d: int) -> np.ndarray:
    w = compare.as_array(outputs, "w", "ndarray", "w")
    if w.size != d or w.ndim > 2:
        raise CaseFailure(f"w should have shape ({d},), got {w.shape}")
    got = np.append(w.reshape(d), numpy_scalar(outputs, "b", "b"))
    if not np.isfinite(got).all() or np.abs(got).max() > 1e6:
        raise CaseFailure(f"(w, b) = {np.array2string(got, precision=3)}: SGD diverged — check "
                          "the sign of the update (w ← w − lr·(ŷ − y)·x)")
    return got


def _check_recovery(truth: np.ndarray):
    def check(outputs: Outputs) -> None:
        got = _result(outputs, len(truth) - 1)
        bad = np.abs(got - truth) > RECOVERY_TOL
        if not bad.any():
            return
        i = int(np.argmax(bad))
        name = "b" if i == len(truth) - 1 else f"w[{i}]"
        hint = " — the bias is never updated?" if got[-1] == 0 and truth[-1] != 0 else ""
        raise CaseFailure(f"{name}: true value {truth[i]:.4g}, got {got[i]:.4g} (tolerance "
                          f"{RECOVERY_TOL}); SGD on noiseless data should recover the true "
                          f"weights{hint}")

    return check


def _check_partial(truth: np.ndarray, x: np.ndarray, y: np.ndarray, lr: float):
    def progress(params: np.ndarray) -> float:
        return 1 - float(np.linalg.norm(params - truth) / np.linalg.norm(truth))

    low = 0.5 * progress(sgd(x, y, lr, 1, 0, 1.0))
    high = 1.5 * progress(sgd(x, y, lr, 1, 0, 2.0))

    def check(outputs: Outputs) -> None:
        got = progress(_result(outputs, len(truth) - 1))
        if got > high:
            raise CaseFailure(f"after 1 epoch at lr={lr} the fit is {got:.0%} of the way to the "
                              f"solution; per-sample SGD gets only {low / 0.5:.0%}–"
                              f"{high / 1.5:.0%} — `lr` or `epochs` ignored, or not SGD?")
        if got < 0:
            raise CaseFailure(f"after 1 epoch at lr={lr} the fit moved away from the solution "
                              f"({got:.1%}) — the update has the wrong sign?")
        if got < low:
            raise CaseFailure(f"after 1 epoch at lr={lr} the fit is {got:.1%} of the way to the "
                              f"solution; per-sample SGD gets {low / 0.5:.0%}–{high / 1.5:.0%} "
                              "— one update per sample, gradient not averaged over n?")

    return check


def _data(rng: np.random.Generator, n: int, d: int, bias: float | None):
    x = rng.standard_normal((n, d))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    truth = np.append(rng.uniform(-2, 2, d), rng.uniform(-1, 1) if bias is None else bias)
    return x, x @ truth[:-1] + truth[-1], truth


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    cases = []
    specs = [  # name, n, d, bias, lr, epochs, seed, weight
        ("default_args_three_features", 200, 3, None, None, None, None, 1.5),
        ("single_feature_odd_n", 51, 1, None, None, None, None, 1.0),
        ("five_features_seed_7", 300, 5, None, None, None, 7, 1.0),
        ("lr_0.05_30_epochs", 150, 3, None, 0.05, 30, 3, 1.0),
        ("large_intercept", 120, 2, 3.0, None, None, 1, 1.0),
    ]
    for name, n, d, bias, lr, epochs, seed, weight in specs:
        x, y, truth = _data(rng, n, d, bias)
        payload = {"X": x, "y": y, "lr": lr, "epochs": epochs, "seed": seed}
        cases.append(Case(name=name, payload=payload, check=_check_recovery(truth),
                          weight=weight))
    x, y, truth = _data(rng, 100, 3, 1.0)
    payload = {"X": x, "y": y, "lr": 1e-3, "epochs": 1, "seed": 0}
    cases.append(Case(name="one_epoch_lr_1e-3_moves_partway", payload=payload,
                      check=_check_partial(truth, x, y, 1e-3)))
    return cases


PROBLEM = Problem(
    id="linear_regression_sgd",
    title_zh="线性回归（随机梯度下降）",
    title_en="Linear regression with SGD",
    difficulty="easy",
    tags=("classic-ml", "optimization", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
