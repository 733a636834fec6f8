"""Logistic regression by full-batch gradient descent from zeros (numpy)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import bug_hint, numpy_scalar
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("sklearn", "statsmodels", "scipy.optimize", "torch.optim", "torch.autograd")
MATCH_TOL = (0.0, 1e-3)  # the catalog's atol=1e-3 on w and b


def fit(x: np.ndarray, y: np.ndarray, lr: float, epochs: int, *, bias: bool = True,
        grad_scale: float | None = None) -> tuple[np.ndarray, float]:
    """float64 reference GD; ``bias``/``grad_scale`` produce classic buggy variants for hints."""
    n = len(y)
    scale = 1.0 / n if grad_scale is None else grad_scale
    w, b = np.zeros(x.shape[1]), 0.0
    y = y.astype(np.float64)
    with np.errstate(over="ignore"):
        for _ in range(epochs):
            g = 1.0 / (1.0 + np.exp(-(x @ w + b))) - y
            w = w - lr * scale * (x.T @ g)
            if bias:
                b = b - lr * scale * g.sum()
    return w, float(b)


def accuracy(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return float(np.mean(((x @ w + b) > 0) == (y == 1)))


def _variants(x: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> list:
    found = [("gradient ascent: the gradient is added instead of subtracted",
              fit(x, y, -lr, epochs)),
             ("the bias is never updated", fit(x, y, lr, epochs, bias=False)),
             ("one step too few (loop runs epochs - 1 times)", fit(x, y, lr, epochs - 1)),
             ("one step too many", fit(x, y, lr, epochs + 1)),
             ("the gradient is a sum, not divided by n", fit(x, y, lr, epochs, grad_scale=1.0))]
    return [(hint, np.append(w, b)) for hint, (w, b) in found]


def _weights(outputs: Outputs, d: int) -> np.ndarray:
    w = compare.as_array(outputs, "w", "ndarray", "w")
    if w.size != d or w.ndim > 2:
        raise CaseFailure(f"w should have shape ({d},), got {w.shape}")
    return w.reshape(d)


def _check(x: np.ndarray, y: np.ndarray, lr: float, epochs: int, held_out):
    w_ref, b_ref = fit(x, y, lr, epochs)
    variants = _variants(x, y, lr, epochs)

    def check(outputs: Outputs) -> None:
        w = _weights(outputs, x.shape[1])
        b = numpy_scalar(outputs, "b", "b")
        if held_out is not None:
            xt, yt = held_out
            got_acc, ref_acc = accuracy(w, b, xt, yt), accuracy(w_ref, b_ref, xt, yt)
            if got_acc < ref_acc - 0.02:
                raise CaseFailure(f"held-out accuracy {got_acc:.3f}, reference {ref_acc:.3f} "
                                  "— check the gradient sign and the update rule")
        got = np.append(w, b)
        try:
            compare.assert_close("(w, b)", got, np.append(w_ref, b_ref), MATCH_TOL)
        except CaseFailure as failure:
            raise CaseFailure(f"{failure}{bug_hint(got, variants, 0.0, 1e-3)}") from None

    return check


def _blobs(rng: np.random.Generator, n: int, d: int, shift: float) -> tuple[np.ndarray, ...]:
    y = (rng.random(n) < 0.4).astype(np.int64)
    centre = rng.standard_normal(d)
    centre *= 1.5 / np.linalg.norm(centre)
    x = rng.standard_normal((n, d)) + shift + np.where(y[:, None] == 1, centre, -centre)
    return x, y


def _case(name: str, rng: np.random.Generator, n: int, d: int, lr: float | None,
          epochs: int | None, shift: float = 0.8, int_labels: bool = False,
          weight: float = 1.0) -> Case:
    x, y = _blobs(rng, n + 400, d, shift)
    held_out = (x[n:], y[n:]) if (epochs or 1000) >= 100 else None
    x, y = x[:n], y[:n]
    labels = y if int_labels else y.astype(np.float64)
    payload = {"X": x, "y": labels, "lr": lr, "epochs": epochs}
    check = _check(x, y, 0.1 if lr is None else lr, 1000 if epochs is None else epochs, held_out)
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    return [
        _case("default_lr_and_epochs_2d", rng, 200, 2, None, None, weight=1.5),
        _case("five_features_lr_0.5_300_epochs", rng, 301, 5, 0.5, 300),
        _case("single_feature_odd_n", rng, 51, 1, 0.2, 500),
        _case("integer_labels", rng, 120, 3, 0.1, 200, int_labels=True),
        _case("offset_classes_need_bias", rng, 150, 4, 0.3, 400, shift=2.5, weight=1.5),
        _case("three_steps_exact_updates", rng, 40, 3, 1.0, 3, weight=1.5),
        _case("one_step", rng, 17, 2, 0.7, 1, weight=0.5),
    ]


PROBLEM = Problem(
    id="logistic_regression",
    title_zh="逻辑回归（梯度下降）",
    title_en="Logistic regression (gradient descent)",
    difficulty="easy",
    tags=("classic-ml", "optimization", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
