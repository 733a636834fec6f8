"""Cross-entropy with label smoothing over all C classes (torch's label_smoothing)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_grads, scalar_loss
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ("*.cross_entropy", "*.CrossEntropyLoss")
DEFAULT = 0.1
OVERFLOW = ("exp overflows for logits of ±1e4: use log_softmax (subtract the row max, "
            "log-sum-exp) instead of log(softmax(...)) or exp directly")


def log_softmax(z: np.ndarray) -> np.ndarray:
    z = z.astype(np.float64)
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def smoothed(logits: np.ndarray, targets: np.ndarray, s: float, *, others: bool = False,
             true_excluded_mass: bool = False, reduce: str = "mean") -> float:
    """float64 label-smoothed CE; the keywords reproduce classic mistakes."""
    n, c = logits.shape
    q = np.full((n, c), s / (c - 1) if others else s / c)
    if others or true_excluded_mass:  # 1 − s on the true class; the others keep their share
        q[np.arange(n), targets] = 1 - s
    else:
        q[np.arange(n), targets] += 1 - s
    per = -(q * log_softmax(logits)).sum(axis=1)
    return float(per.mean() if reduce == "mean" else per.sum())


def _torch_ls(logits, targets, s):
    import torch

    logp = torch.log_softmax(logits, dim=1)
    n, c = logits.shape
    q = torch.full((n, c), s / c, dtype=logits.dtype)
    q[torch.arange(n), targets] += 1 - s
    return -(q * logp).sum(dim=1).mean()


def _hints(logits: np.ndarray, targets: np.ndarray, s: float, default: bool) -> list[ca.Hint]:
    def variant(smooth: float = s, **kwargs: object):
        return lambda: np.array(smoothed(logits, targets, smooth, **kwargs))  # type: ignore[arg-type]

    hints = [
        ("the smoothing mass looks spread over the C − 1 other classes; torch spreads "
         "smoothing / C over ALL C classes, the true class included", variant(others=True)),
        ("the true class gets 1 − smoothing without its share smoothing / C; q = (1 − s)·onehot "
         "+ s / C sums to 1", variant(true_excluded_mass=True)),
        ("the loss looks summed over the batch; take the mean", variant(reduce="sum")),
        ("smoothing looks ignored (plain cross-entropy)", variant(0.0)),
    ]
    if default:
        hints.append(("the default smoothing looks wrong; it is 0.1", variant(0.2)))
    return hints


def _case(name: str, rng: np.random.Generator, n: int, c: int, smoothing: float | None, *,
          scale: float = 2.0, extreme: bool = False, weight: float = 2.0) -> Case:
    logits = scale * rng.standard_normal((n, c))
    targets = rng.integers(0, c, n)
    if extreme:
        logits[0, :] = -1e4
        logits[0, (targets[0] + 1) % c] = 1e4  # confidently wrong
        if n > 1:
            logits[1, :] = 0.0
            logits[1, targets[1]] = 1e4  # confidently right
    logits = logits.astype(np.float32)
    s = DEFAULT if smoothing is None else smoothing
    expected = smoothed(logits, targets, s)
    _, grads = autograd(_torch_ls, {"logits": logits, "targets": targets, "s": s}, ("logits",))

    def check(outputs: Outputs) -> None:
        loss = scalar_loss(outputs)
        ca.assert_close_hinted("loss", loss, np.array(expected),
                               _hints(logits, targets, s, smoothing is None), nan_hint=OVERFLOW)
        check_grads(outputs, grads)

    payload = {"logits": logits, "targets": targets, "smoothing": smoothing}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270111)
    return [
        _case("default_smoothing_n8_c5", rng, 8, 5, None),
        _case("smoothing_0.3_n6_c10", rng, 6, 10, 0.3),
        _case("smoothing_0_is_plain_ce", rng, 7, 4, 0.0),
        _case("binary_c2_smoothing_0.2", rng, 9, 2, 0.2),
        _case("batch1_c7", rng, 1, 7, 0.15, weight=1.0),
        _case("large_c1000", rng, 4, 1000, 0.1),
        _case("smoothing_1_uniform_target", rng, 5, 6, 1.0, weight=1.0),
        _case("extreme_logits_1e4", rng, 4, 6, 0.1, extreme=True),
    ]


PROBLEM = Problem(
    id="label_smoothing_ce",
    title_zh="带标签平滑的交叉熵",
    title_en="Cross-entropy with label smoothing",
    difficulty="easy",
    tags=("loss", "classification", "regularization", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
