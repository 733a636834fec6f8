"""Soft Dice loss for binary segmentation, per sample then averaged over the batch."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import Variants, close_or_fail
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("monai", "segmentation_models_pytorch", "kornia.losses")


def dice(p: np.ndarray, t: np.ndarray, eps: float, *, per_sample: bool = True,
         squared: bool = False, eps_num: bool = True) -> float:
    """float64 Dice loss; the keyword flags produce the classic buggy variants for hints."""
    axes = (1, 2) if per_sample else (0, 1, 2)
    inter = (p * t).sum(axis=axes)
    denom = ((p * p).sum(axis=axes) + (t * t).sum(axis=axes)) if squared else \
        (p.sum(axis=axes) + t.sum(axis=axes))
    with np.errstate(divide="ignore", invalid="ignore"):
        score = (2 * inter + (eps if eps_num else 0.0)) / (denom + eps)
    return float(np.mean(1 - score))


def _variants(p: np.ndarray, t: np.ndarray, eps: float) -> Variants:
    return [
        ("the Dice was computed over the whole batch at once instead of per sample then averaged",
         dice(p, t, eps, per_sample=False)),
        ("squared terms in the denominator (sum p^2 + sum t^2); use sum p + sum t",
         dice(p, t, eps, squared=True)),
        ("eps missing from the numerator (an empty mask predicted empty must give loss 0)",
         dice(p, t, eps, eps_num=False)),
        ("the Dice coefficient itself was returned, not 1 - Dice", 1 - dice(p, t, eps)),
    ]


def _check(p: np.ndarray, t: np.ndarray, eps: float | None):
    used = 1e-6 if eps is None else eps
    p64, t64 = p.astype(np.float64), t.astype(np.float64)
    expected = dice(p64, t64, used)
    variants = _variants(p64, t64, used)

    def check(outputs: Outputs) -> None:
        got = compare.as_array(outputs, "loss", "tensor", "dice_loss(...)")
        if got.size != 1:
            raise CaseFailure(f"the loss should be a scalar tensor, got shape {got.shape} — "
                              "average the per-sample losses over the batch")
        close_or_fail("loss", got.reshape(()), np.array(expected), compare.F32_TOL, variants,
                      "0/0 on an empty sample: keep eps in the denominator")

    return check


def _case(name: str, p: np.ndarray, t: np.ndarray, eps: float | None = None,
          weight: float = 1.0) -> Case:
    p, t = p.astype(np.float32), t.astype(np.float32)
    return Case(name=name, payload={"probs": p, "target": t, "eps": eps},
                check=_check(p, t, eps), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261204)

    def rand(n: int, h: int, w: int, fg: float = 0.4) -> tuple[np.ndarray, np.ndarray]:
        target = rng.random((n, h, w)) < rng.uniform(0.1, fg, size=(n, 1, 1))
        noisy = np.clip(target + rng.normal(0, 0.35, (n, h, w)), 0, 1)
        return np.clip(noisy, 0.01, 0.99), target

    empty_p, empty_t = rand(3, 6, 6)
    empty_p[1], empty_t[1] = 0.0, False
    half_p, half_t = rand(3, 8, 8)
    half_t[2] = False
    perfect = rng.random((2, 5, 5)) < 0.5
    return [
        _case("single_sample_odd_5x7", *rand(1, 5, 7)),
        _case("batch_4_square_8x8", *rand(4, 8, 8)),
        _case("samples_with_different_foreground", *rand(5, 16, 12, fg=0.9), weight=1.5),
        _case("empty_mask_predicted_empty_gives_zero", empty_p, empty_t, weight=1.5),
        _case("empty_target_nonzero_prediction", half_p, half_t),
        _case("custom_eps_1_smoothing", *rand(3, 7, 9), eps=1.0),
        _case("perfect_prediction", perfect.astype(np.float32), perfect, weight=0.5),
    ]


PROBLEM = Problem(
    id="dice_loss",
    title_zh="Dice 损失（二值分割）",
    title_en="Dice loss (binary segmentation)",
    difficulty="easy",
    tags=("loss", "segmentation", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
