"""Factorization-machine prediction in O(k n) per row, with a relative time budget."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import Variants, close_or_fail, fm_inputs
from evaluators.problem import Case, CaseFailure, Outputs, Problem, TimeBudget

FORBIDDEN = ("fastFM", "pyfm", "xlearn", "torchfm")
# The budget case's inputs come from a seed drawn once per process: a submission cannot
# precompute the answer at import time from a seed it read in the source.
BIG = {"seed": secrets.randbits(31), "rows": 512, "n": 5000, "k": 32}
FLOOR_S = 0.04  # budget never below 20 x 40 ms, so load on a 2-core box cannot flake it


def predict(x: np.ndarray, w0: float, w: np.ndarray, v: np.ndarray) -> np.ndarray:
    """float64 reference: w0 + X w + 0.5 * sum_f [(X V)_f^2 - (X^2)(V^2)_f]."""
    xv = x @ v
    return w0 + x @ w + 0.5 * ((xv * xv).sum(axis=1) - ((x * x) @ (v * v)).sum(axis=1))


def _variants(x: np.ndarray, w0: float, w: np.ndarray, v: np.ndarray) -> Variants:
    xv = x @ v
    pair = 0.5 * ((xv * xv).sum(axis=1) - ((x * x) @ (v * v)).sum(axis=1))
    return [
        ("the 0.5 factor on the interaction term is missing", w0 + x @ w + 2 * pair),
        ("V is not squared in the second term: use (X^2) @ (V^2)",
         w0 + x @ w + 0.5 * ((xv * xv).sum(axis=1) - ((x * x) @ v).sum(axis=1))),
        ("the i = j self-interactions are included (subtract (X^2) @ (V^2))",
         w0 + x @ w + 0.5 * (xv * xv).sum(axis=1)),
        ("the bias w0 is missing", x @ w + pair),
        ("the linear term X w is missing", w0 + pair),
    ]


def _prediction(outputs: Outputs, rows: int) -> np.ndarray:
    y = compare.as_array(outputs, "y", "ndarray", "fm_predict(...)")
    if y.shape == (rows, 1):
        y = y.reshape(rows)
    if y.shape != (rows,):
        raise CaseFailure(f"fm_predict(...) should have shape ({rows},), got {y.shape}")
    return y


def _check(x: np.ndarray, w0: float, w: np.ndarray, v: np.ndarray):
    expected = predict(x, w0, w, v)
    variants = _variants(x, w0, w, v)

    def check(outputs: Outputs) -> None:
        got = _prediction(outputs, len(x))
        close_or_fail("y", got, expected, compare.F64_TOL, variants)

    return check


@lru_cache(maxsize=1)
def big_reference() -> np.ndarray:
    """Expected output on the budget inputs (per process)."""
    x, w0, w, v = fm_inputs(BIG["seed"], BIG["rows"], BIG["n"], BIG["k"])
    return predict(x, w0, w, v)


def _check_big(outputs: Outputs) -> None:
    got = _prediction(outputs, BIG["rows"])
    compare.assert_close("y", got, big_reference(), compare.F64_TOL)


BUDGET = TimeBudget(
    "fm_predict at N=512, n=5000, k=32", FLOOR_S,
    "Use one matrix product per term, (X @ V) and (X**2) @ (V**2): no Python loop over rows, "
    "no n x n or N x n x k intermediate.")


def _case(name: str, rng: np.random.Generator, rows: int, n: int, k: int,
          binary: bool = False, weight: float = 1.0) -> Case:
    if binary:
        x = (rng.random((rows, n)) < 0.3).astype(np.float64)
    else:
        x = rng.standard_normal((rows, n))
    w0 = float(rng.standard_normal())
    w, v = rng.standard_normal(n), rng.standard_normal((n, k)) * 0.5
    payload = {"X": x, "w0": w0, "w": w, "V": v}
    return Case(name=name, payload=payload, check=_check(x, w0, w, v), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261210)
    cases = [
        _case("single_row_n5_k2", rng, 1, 5, 2),
        _case("odd_rows_7_n10_k3", rng, 7, 10, 3),
        _case("one_feature_no_pairs", rng, 4, 1, 2, weight=0.5),
        _case("k_equals_1", rng, 6, 8, 1),
        _case("binary_features", rng, 9, 20, 4, binary=True),
        _case("rows_64_n50_k8", rng, 64, 50, 8, weight=1.5),
    ]
    cases.append(Case(name="time_budget_n5000_k32_rows512", payload=dict(BIG), check=_check_big,
                      weight=2.0, op="timed_run", budget=BUDGET))
    return cases


PROBLEM = Problem(
    id="fm_predict",
    title_zh="因子分解机（FM）预测",
    title_en="Factorization machine prediction",
    difficulty="medium",
    tags=("recommendation", "vectorization", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=15.0,  # data generation + a cold start under load; the budget itself is relative
)
