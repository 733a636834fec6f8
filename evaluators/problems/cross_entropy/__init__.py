"""Mean softmax cross-entropy in numpy, stable for logits as large as ±1e4."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import Variants, close_or_fail, numpy_scalar
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = (
    "torch.nn.functional.cross_entropy",
    "torch.nn.CrossEntropyLoss",
    "torch.nn.functional.log_softmax",
    "torch.log_softmax",
    "torch.nn.LogSoftmax",
    "torch.nn.functional.nll_loss",
    "torch.nn.NLLLoss",
    "torch.logsumexp",
    "torch.special.logsumexp",
    "torch.special.log_softmax",
    "scipy.special.logsumexp",
    "scipy.special.log_softmax",
    "sklearn",
)
UNSTABLE = "overflow/underflow in exp: subtract each row's max before exponentiating (log-sum-exp)"


def per_sample(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """float64 per-row negative log-likelihood via the row-wise log-sum-exp."""
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return lse - logits[np.arange(len(targets)), targets]


def _variants(logits: np.ndarray, targets: np.ndarray) -> Variants:
    losses = per_sample(logits, targets)
    clipped = [("taking log of a probability padded/clipped by an epsilon; use "
                "log-softmax = logits - logsumexp(logits) instead", np.minimum(losses, -np.log(e)))
               for e in (1e-12, 1e-10, 1e-9, 1e-8, 1e-7)]
    return [("the sum over samples instead of the mean", losses.sum()),
            ("the log-likelihood without the minus sign", -losses.mean()),
            *[(h, v.mean()) for h, v in clipped if not np.allclose(v, losses)]]


def _check(logits: np.ndarray, targets: np.ndarray):
    expected = per_sample(logits, targets).mean()
    variants = _variants(logits, targets)

    def check(outputs: Outputs) -> None:
        got = numpy_scalar(outputs, "loss", "cross_entropy(...)")
        close_or_fail("loss", np.array(got), np.array(expected), compare.F64_TOL, variants,
                      UNSTABLE)

    return check


def _case(name: str, logits: np.ndarray, targets: np.ndarray, weight: float = 1.0) -> Case:
    payload = {"logits": logits, "targets": targets.astype(np.int64)}
    return Case(name=name, payload=payload, check=_check(logits, targets), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261201)

    def rand(n: int, c: int, scale: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
        return rng.standard_normal((n, c)) * scale, rng.integers(0, c, size=n)

    cases = [
        _case("single_sample_two_classes", *rand(1, 2)),
        _case("odd_batch_5_classes", *rand(7, 5)),
        _case("many_classes_100", *rand(33, 100, 4.0)),
    ]
    confident, _ = rand(16, 10, 8.0)
    cases.append(_case("confident_correct_predictions", confident, confident.argmax(axis=1)))
    logits, _ = rand(9, 6)
    cases.append(_case("targets_first_and_last_class", logits, np.array([0, 5] * 4 + [5])))
    cases.append(_case("single_class_loss_is_zero", *rand(4, 1), weight=0.5))
    shifted, targets = rand(8, 7)
    cases.append(_case("stability_logits_near_plus_1e4", shifted + 1e4, targets, 1.5))
    cases.append(_case("stability_logits_near_minus_1e4", shifted - 1e4, targets, 1.5))
    wide = rng.uniform(-1e4, 1e4, size=(6, 5))
    cases.append(_case("stability_logits_spread_over_pm_1e4", wide, rng.integers(0, 5, 6), 1.5))
    rows = np.stack([shifted[0] + 1e4, shifted[1] - 1e4, shifted[2], shifted[3] * 1e3])
    cases.append(_case("stability_rows_at_different_scales", rows, targets[:4], 1.5))
    return cases


PROBLEM = Problem(
    id="cross_entropy",
    title_zh="交叉熵损失（数值稳定）",
    title_en="Cross-entropy loss (numerically stable)",
    difficulty="easy",
    tags=("loss", "numerical-stability", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
