"""Binary sigmoid focal loss (torchvision's formula): alpha weighs positives, stable at ±200."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_grads
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("*.sigmoid_focal_loss",)
OVERFLOW = ("log(sigmoid(x)) is −inf at |x| = 200 in float32: compute the cross-entropy from the "
            "logits (F.binary_cross_entropy_with_logits or F.logsigmoid)")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def elementwise(x: np.ndarray, t: np.ndarray, alpha: float, gamma: float, *,
                swap_alpha: bool = False, no_alpha: bool = False,
                factor: str = "1-p_t") -> np.ndarray:
    """float64 focal loss per element; the keywords reproduce classic mistakes."""
    x, t = x.astype(np.float64), t.astype(np.float64)
    p = _sigmoid(x)
    ce = np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))
    p_t = p * t + (1 - p) * (1 - t)
    a_t = alpha * t + (1 - alpha) * (1 - t)
    if swap_alpha:
        a_t = alpha * (1 - t) + (1 - alpha) * t
    if no_alpha:
        a_t = np.ones_like(t)
    base = {"1-p_t": 1 - p_t, "p_t": p_t, "1-p": 1 - p}[factor]
    return a_t * base ** gamma * ce


def reduce(loss: np.ndarray, t: np.ndarray, how: str) -> np.ndarray:
    if how == "mean":
        return np.array(loss.mean())
    if how == "sum":
        return np.array(loss.sum())
    if how == "per_positive":
        return np.array(loss.sum() / max(t.sum(), 1.0))
    return loss


def _torch_focal(logits, targets, alpha, gamma):
    import torch
    import torch.nn.functional as F

    p = torch.sigmoid(logits)
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    return (alpha * targets + (1 - alpha) * (1 - targets)) * (1 - p_t) ** gamma * ce


def _hints(x: np.ndarray, t: np.ndarray, alpha: float, gamma: float,
           how: str) -> list[ca.Hint]:
    def variant(reduction: str = how, a: float = alpha, g: float = gamma, **kwargs: object):
        return lambda: reduce(elementwise(x, t, a, g, **kwargs), t, reduction)  # type: ignore[arg-type]

    hints = [
        ("α looks applied to the negatives: α_t = α·t + (1 − α)(1 − t), so α weighs the "
         "positives", variant(swap_alpha=True)),
        ("the α weighting looks missing", variant(no_alpha=True)),
        ("the modulating factor looks like p_t^γ; it is (1 − p_t)^γ, small for easy examples",
         variant(factor="p_t")),
        ("the modulating factor uses (1 − p)^γ for every element; use (1 − p_t)^γ with "
         "p_t = p·t + (1 − p)(1 − t)", variant(factor="1-p")),
    ]
    if how == "mean":
        hints += [("the loss looks summed; reduction='mean' averages over all elements",
                   variant("sum")),
                  ("the sum looks divided by the number of positives (the detection "
                   "convention); reduction='mean' averages over all elements",
                   variant("per_positive"))]
    if how == "sum":
        hints.append(("the loss looks averaged; reduction='sum' sums", variant("mean")))
    if gamma != 2.0:
        hints.append(("gamma looks ignored (2 used)", variant(g=2.0)))
    if alpha != 0.25:
        hints.append(("alpha looks ignored (0.25 used)", variant(a=0.25)))
    return hints


def _check(x: np.ndarray, t: np.ndarray, alpha: float | None, gamma: float | None,
           reduction: str | None, cotangent: np.ndarray | None):
    a = 0.25 if alpha is None else alpha
    g = 2.0 if gamma is None else gamma
    how = reduction or "mean"
    expected = reduce(elementwise(x, t, a, g), t, how)
    hints = _hints(x, t, a, g, how)
    formula = lambda **kw: reduce_torch(_torch_focal(**kw), how)  # noqa: E731
    _, grads = autograd(formula, {"logits": x, "targets": t, "alpha": a, "gamma": g},
                        ("logits",), cotangent)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "loss", "loss")
        if how != "none" and got.shape != ():
            raise CaseFailure(f"with reduction='{how}' the loss should be a 0-d tensor, got "
                              f"shape {got.shape}")
        ca.assert_close_hinted("loss", got, expected, hints, nan_hint=OVERFLOW)
        check_grads(outputs, grads)

    return check


def reduce_torch(loss, how: str):
    return loss.mean() if how == "mean" else loss.sum() if how == "sum" else loss


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], *,
          alpha: float | None = None, gamma: float | None = None, reduction: str | None = None,
          scale: float = 3.0, extreme: bool = False, weight: float = 2.0) -> Case:
    x = scale * rng.standard_normal(shape)
    t = (rng.random(shape) < 0.3).astype(np.float64)
    if extreme:  # both signs of ±200 for both target values
        flat = x.reshape(-1)
        flat[:8] = [200, -200, 200, -200, 150, -150, 60, -60]
        t.reshape(-1)[:8] = [1, 1, 0, 0, 1, 0, 1, 0]
    x, t = x.astype(np.float32), t.astype(np.float32)
    cotangent = rng.standard_normal(shape).astype(np.float32) if reduction == "none" else None
    payload = {"logits": x, "targets": t, "alpha": alpha, "gamma": gamma, "reduction": reduction,
               "cotangent": cotangent}
    return Case(name=name, payload=payload, weight=weight,
                check=_check(x, t, alpha, gamma, reduction, cotangent))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270110)
    return [
        _case("defaults_mean_2d", rng, (6, 10)),
        _case("vector_1d_sum", rng, (9,), reduction="sum", weight=1.0),
        _case("none_4d_keeps_shape", rng, (2, 3, 4, 4), reduction="none"),
        _case("gamma_0_is_weighted_bce", rng, (5, 7), gamma=0.0, alpha=0.5),
        _case("alpha_0.9_gamma_1.5_sum", rng, (3, 4, 5), alpha=0.9, gamma=1.5, reduction="sum"),
        _case("batch1_mean_alpha_0.5", rng, (1, 13), alpha=0.5, weight=1.0),
        _case("extreme_logits_200_mean", rng, (4, 6), extreme=True),
        _case("extreme_logits_200_none_gamma_0", rng, (2, 8), gamma=0.0, reduction="none",
              extreme=True),
    ]


PROBLEM = Problem(
    id="focal_loss",
    title_zh="Sigmoid Focal Loss",
    title_en="Sigmoid focal loss",
    difficulty="medium",
    tags=("loss", "detection", "class-imbalance", "cv", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
