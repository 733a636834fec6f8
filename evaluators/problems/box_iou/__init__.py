"""Pairwise IoU and GIoU of boxes (torchvision semantics), with a time budget at N = M = 2000.

Each function has its own budget case, judged on the supervisor's CPU clock against the
reference run through the same driver (:mod:`evaluators.budget`); a function whose probe at
N = M = 200 shows it would take far too long is not run at full size (see the driver).
"""

from __future__ import annotations

import secrets
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.common_numeric import box_inputs
from evaluators.problem import Case, CaseFailure, Outputs, Problem, TimeBudget

FORBIDDEN = ("*.box_iou", "*.generalized_box_iou", "torchvision")
NAMES = ("box_iou", "generalized_box_iou")
# the budget cases' boxes come from a seed drawn per process (nothing can be precomputed)
BIG: dict[str, Any] = {"seed": secrets.randbits(31), "n": 2000, "probe": 200,
                       "skip_above_s": 10.0}
FLOOR_S = 0.005
BUDGET_FACTOR = TimeBudget("", 0.0, "").factor
ROWS = np.arange(0, BIG["n"], 17)
ADVICE = "Compute all pairs at once by broadcasting (N, 1, 2) against (1, M, 2): no Python loop."


def pairwise(b1: np.ndarray, b2: np.ndarray, *, plus_one: bool = False,
             clamp: str = "each", union: str = "ok") -> tuple[np.ndarray, np.ndarray]:
    """float64 (IoU, GIoU); the keywords reproduce classic mistakes."""
    a, b = b1.astype(np.float64), b2.astype(np.float64)
    one = 1.0 if plus_one else 0.0
    area = lambda x: (x[:, 2] - x[:, 0] + one) * (x[:, 3] - x[:, 1] + one)  # noqa: E731
    lt = np.maximum(a[:, None, :2], b[None, :, :2])
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = rb - lt + one
    inter = (np.clip(wh[..., 0], 0, None) * np.clip(wh[..., 1], 0, None) if clamp == "each"
             else np.clip(wh[..., 0] * wh[..., 1], 0, None))
    total = area(a)[:, None] + area(b)[None, :]
    uni = total if union == "no_subtract" else total - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = inter / uni
        elt = np.minimum(a[:, None, :2], b[None, :, :2])
        erb = np.maximum(a[:, None, 2:], b[None, :, 2:])
        c = np.prod(np.clip(erb - elt + one, 0, None), axis=-1)
        giou = iou - (c - (inter if union == "giou_inter" else uni)) / c
    return iou, giou


MISTAKES: list[tuple[dict[str, Any], str]] = [
    ({"plus_one": True}, "the area looks computed with the +1 pixel convention; use (x2 − x1)·"
                         "(y2 − y1)"),
    ({"clamp": "product"}, "the intersection clamps w·h instead of w and h separately: two "
                           "disjoint boxes with negative w and h get a positive 'intersection'"),
    ({"union": "no_subtract"}, "the union looks like area1 + area2; subtract the intersection"),
    ({"union": "giou_inter"}, "the GIoU penalty uses (C − intersection) / C; it is "
                              "(C − union) / C"),
]


def _pick(b1: np.ndarray, b2: np.ndarray, which: int, kwargs: dict[str, Any]) -> np.ndarray:
    return pairwise(b1, b2, **kwargs)[which]


def _hints(b1: np.ndarray, b2: np.ndarray, which: int) -> list[ca.Hint]:
    hints: list[ca.Hint] = [(text, partial(_pick, b1, b2, which, kw)) for kw, text in MISTAKES]
    if which == 1:
        hints.append(("GIoU equals the plain IoU: subtract (C − union) / C, C the area of the "
                      "smallest enclosing box", lambda: pairwise(b1, b2)[0]))
    return hints


def _check_pair(outputs: Outputs, b1: np.ndarray, b2: np.ndarray) -> None:
    expected = pairwise(b1, b2)
    for which, name in enumerate(NAMES):
        got = ca.tensor_output(outputs, name, f"{name}(...)")
        want = expected[which]
        if got.shape != want.shape:
            hint = " (transposed? rows are boxes1, columns boxes2)" \
                if got.shape == want.shape[::-1] else ""
            raise CaseFailure(f"{name}: expected shape {want.shape} (N, M), got "
                              f"{tuple(got.shape)}{hint}")
        ca.assert_close_hinted(name, got, want, _hints(b1, b2, which),
                               nan_hint="a union or enclosing area of 0 divides by zero")


def _case(name: str, b1, b2, weight: float = 2.0) -> Case:
    b1 = np.asarray(b1, dtype=np.float32).reshape(-1, 4)
    b2 = np.asarray(b2, dtype=np.float32).reshape(-1, 4)
    return Case(name=name, payload={"boxes1": b1, "boxes2": b2}, weight=weight,
                check=lambda outputs: _check_pair(outputs, b1, b2))


def _random(rng: np.random.Generator, count: int, spread: float) -> np.ndarray:
    xy = rng.uniform(0, spread, (count, 2))
    wh = rng.uniform(1, 30, (count, 2))
    return np.concatenate([xy, xy + wh], axis=1)


@lru_cache(maxsize=1)
def big_reference() -> tuple[np.ndarray, np.ndarray]:
    """Expected sampled rows of (IoU, GIoU) at N = M = 2000 (this process's seed)."""
    b1, b2 = box_inputs(BIG["seed"], BIG["n"], BIG["n"])
    return pairwise(b1[ROWS], b2)


def _check_big(outputs: Outputs, which: int) -> None:
    name, n, probe = NAMES[which], BIG["n"], BIG["probe"]
    label = f"{name} at N = M = {n}"
    if compare.to_python(compare.get(outputs, "skipped")):
        probe_s = compare.as_float(outputs, "probe_s", "probe time")
        estimate_s = compare.as_float(outputs, "estimate_s", "estimated time")
        raise CaseFailure(f"{name} took {probe_s:.3g} s at N = M = {probe}, so about "
                          f"{estimate_s:.0f} s at N = M = {n} (measured at N = M = {2 * probe} "
                          f"too, to see how it grows), far over the time budget "
                          f"({BUDGET_FACTOR:g}x the reference's time): not run at full size. "
                          f"{ADVICE}")
    shape = compare.to_python(compare.get(outputs, "shape"))
    if shape is None:
        raise CaseFailure(f"{label}: expected a torch.Tensor, got "
                          f"{compare.get(outputs, 'rows').get('repr', 'something else')}")
    if shape != [n, n]:
        raise CaseFailure(f"{label}: expected shape ({n}, {n}), got {tuple(shape)}")
    got = compare.as_array(outputs, "rows", "tensor", label)
    compare.assert_close(f"{label}, sampled rows", got, big_reference()[which])


def _timed_case(which: int) -> Case:
    name = NAMES[which]
    payload: dict[str, Any] = {**BIG, "name": name, "rows": ROWS}
    return Case(name=f"time_budget_{name}_n2000_m2000", payload=payload, op="timed_run",
                weight=1.5, check=lambda outputs: _check_big(outputs, which),
                budget=TimeBudget(f"{name} at N = M = {BIG['n']}", FLOOR_S, ADVICE))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270118)
    return [
        _case("overlapping_pair_example", [[0, 0, 2, 2]], [[1, 1, 3, 3]]),
        _case("disjoint_and_diagonal_apart", [[0, 0, 1, 1], [10, 10, 12, 13]],
              [[5, 5, 6, 6], [0, 20, 3, 22], [11, 0, 12, 1]]),
        _case("edge_and_corner_touching_give_zero", [[0, 0, 2, 2]],
              [[2, 0, 4, 2], [0, 2, 2, 4], [2, 2, 3, 3], [-1, -1, 0, 0]]),
        _case("nested_and_identical", [[0, 0, 10, 10], [2, 2, 4, 4]],
              [[2, 2, 4, 4], [0, 0, 10, 10], [1, 1, 9, 9]]),
        _case("n_ne_m_random_7x11", _random(rng, 7, 40), _random(rng, 11, 40)),
        _case("random_60x45_float_coordinates", _random(rng, 60, 80) + 0.37,
              _random(rng, 45, 80) - 0.21),
        _case("empty_boxes1_0xM", np.zeros((0, 4)), _random(rng, 3, 10), weight=1.0),
        _case("empty_boxes2_Nx0", _random(rng, 4, 10), np.zeros((0, 4)), weight=1.0),
        _case("single_pair_far_apart_negative_giou", [[0, 0, 1, 1]], [[100, 100, 101, 101]],
              weight=1.0),
        _timed_case(0),
        _timed_case(1),
    ]


PROBLEM = Problem(
    id="box_iou",
    title_zh="两两 IoU 与 GIoU",
    title_en="Pairwise IoU and GIoU",
    difficulty="easy",
    tags=("cv", "detection", "iou", "vectorization", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=120.0,
)
