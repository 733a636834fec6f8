"""Mean binary cross-entropy in numpy with predictions clipped to [eps, 1 - eps]."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import Variants, close_or_fail, numpy_scalar
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = (
    "torch.nn.functional.binary_cross_entropy",
    "torch.nn.functional.binary_cross_entropy_with_logits",
    "torch.nn.BCELoss",
    "torch.nn.BCEWithLogitsLoss",
    "sklearn",
)
NOT_FINITE = "clip y_pred to [eps, 1 - eps] before taking the log"
# Clipping to 1 - eps and then computing log(1 - p) in float64 is off by ~1e-4 relative from
# log(eps) at eps = 1e-12; both readings of "clipped" are correct, so clipped cases use this.
CLIP_TOL = (1e-5, 1e-4)


def elementwise(y: np.ndarray, p: np.ndarray, eps: float) -> np.ndarray:
    p = np.clip(p, eps, 1 - eps)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def _variants(y: np.ndarray, p: np.ndarray, eps: float) -> Variants:
    losses = elementwise(y, p, eps)
    found = [("the sum instead of the mean", losses.sum()),
             ("the log-likelihood without the minus sign", -losses.mean()),
             ("log(p + eps) instead of clipping p to [eps, 1 - eps]",
              -(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)).mean())]
    if losses.ndim > 1:
        found.append(("dividing by the number of rows instead of the number of elements",
                      losses.sum() / len(losses)))
    with np.errstate(divide="ignore", invalid="ignore"):
        found.append(("no clipping: `eps` is ignored", elementwise(y, p, 0.0).mean()))
    for other in (1e-7, 1e-8, 1e-10, 1e-15, 1e-12):
        if other != eps:
            found.append(("clipping with a hard-coded epsilon instead of the `eps` argument",
                          elementwise(y, p, other).mean()))
    return found


def _check(y: np.ndarray, p: np.ndarray, eps: float | None, tol: tuple[float, float]):
    used = 1e-12 if eps is None else eps
    expected = elementwise(y, p, used).mean()
    variants = _variants(y, p, used)

    def check(outputs: Outputs) -> None:
        got = numpy_scalar(outputs, "loss", "binary_cross_entropy(...)")
        close_or_fail("loss", np.array(got), np.array(expected), tol, variants, NOT_FINITE)

    return check


def _case(name: str, y: np.ndarray, p: np.ndarray, eps: float | None = None,
          tol: tuple[float, float] = compare.F64_TOL, weight: float = 1.0) -> Case:
    payload = {"y_true": y, "y_pred": p, "eps": eps}
    return Case(name=name, payload=payload, check=_check(y, p, eps, tol), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261202)

    def rand(shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        return (rng.random(shape) < 0.5).astype(np.float64), rng.uniform(0.02, 0.98, shape)

    hard_y = np.array([1, 0, 1, 0, 1, 0, 1, 0, 1], dtype=np.float64)
    hard_p = np.array([1, 0, 0, 1, 0.7, 0.2, 1, 0, 0.5])
    tiny_y = np.array([1, 0, 1, 0, 1, 0], dtype=np.float64)
    tiny_p = np.array([1e-5, 1 - 1e-5, 0.3, 0.6, 2e-4, 1 - 3e-6])
    int_y, int_p = rand((12,))
    return [
        _case("single_element", *rand((1,))),
        _case("odd_length_13", *rand((13,))),
        _case("long_vector_500", *rand((500,))),
        _case("two_dim_inputs_mean_over_all", *rand((4, 3))),
        _case("integer_labels", int_y.astype(np.int64), int_p, weight=0.5),
        _case("exact_zero_and_one_predictions", hard_y, hard_p, tol=CLIP_TOL, weight=1.5),
        _case("custom_eps_1e-3_with_exact_0_1", hard_y, hard_p, eps=1e-3, tol=CLIP_TOL),
        _case("custom_eps_1e-3_clips_near_0_1", tiny_y, tiny_p, eps=1e-3, tol=CLIP_TOL),
        _case("all_correct_confident", hard_y, hard_y.copy(), tol=CLIP_TOL, weight=0.5),
    ]


PROBLEM = Problem(
    id="binary_cross_entropy",
    title_zh="二元交叉熵损失",
    title_en="Binary cross-entropy loss",
    difficulty="easy",
    tags=("loss", "numerical-stability", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
