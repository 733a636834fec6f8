"""Shared helpers for the losses / classic-ML / numerics problems.

Two halves, both free of reference logic (drivers import this module inside the sandbox):

* seeded input generators for the large timing cases, so a driver builds the same arrays as the
  trusted side from a small payload (``{"seed": ..., sizes}``) instead of shipping hundreds of MB;
* legacy timing helpers: :func:`timed` (a child-side clock — *not trusted*; budgets are now
  declared as ``Case(budget=TimeBudget(...))`` and judged on the supervisor's clocks, see
  :mod:`evaluators.budget`), :func:`reference_seconds` and :func:`check_time_budget`, kept so
  problems written against them still run (their ``elapsed`` output is overwritten with the
  measured time); plus :func:`bug_hint`, which names a classic mistake when a wrong answer
  equals it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from evaluators.problem import CaseFailure

_perf_counter = time.perf_counter  # captured before any candidate code runs
BUDGET_FACTOR = 20.0


# ---- seeded inputs shared by drivers and checks -------------------------------------------

def fm_inputs(seed: int, rows: int, n: int, k: int) -> tuple[np.ndarray, float, np.ndarray,
                                                                  np.ndarray]:
    """(X (rows, n), w0, w (n,), V (n, k)): sparse-ish real features, small factors."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, n))
    x *= rng.random((rows, n)) < 0.1
    w0 = float(rng.standard_normal())
    w = rng.standard_normal(n) * 0.1
    v = rng.standard_normal((n, k)) * 0.1
    return x, w0, w, v


def topk_inputs(seed: int, n: int, d: int, q: int) -> tuple[np.ndarray, np.ndarray]:
    """(queries (q, d), database (n, d)); database rows have norms between 0.5 and 3."""
    rng = np.random.default_rng(seed)
    database = rng.random((n, d))  # uniform: ~3x cheaper to draw than normals at this size
    database -= 0.5
    database *= rng.uniform(0.5, 3.0, size=(n, 1))
    queries = (rng.random((q, d)) - 0.5) * rng.uniform(0.5, 3.0, size=(q, 1))
    return queries, database


# ---- timing ---------------------------------------------------------------------------------

def timed(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float]:
    """Call ``fn`` and return (result, elapsed seconds). Used by drivers."""
    started = _perf_counter()
    result = fn(*args, **kwargs)
    return result, _perf_counter() - started


def reference_seconds(fn: Callable[[], Any], repeats: int = 3) -> float:
    """Best-of-``repeats`` wall time of ``fn`` after one warm-up call (trusted side)."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def check_time_budget(label: str, elapsed: Any, ref_s: float, floor_s: float,
                      advice: str) -> None:
    """Fail unless ``elapsed`` ≤ 20 × max(reference time, floor)."""
    if not isinstance(elapsed, (int, float)) or not np.isfinite(elapsed):
        raise CaseFailure(f"internal: the driver reported no elapsed time for {label}")
    budget = BUDGET_FACTOR * max(ref_s, floor_s)
    if elapsed > budget:
        raise CaseFailure(
            f"{label} took {elapsed:.3g} s; the time budget is {budget:.3g} s "
            f"({BUDGET_FACTOR:g}x the reference's {ref_s:.3g} s, with a floor of {floor_s:g} s). "
            f"{advice}")


# ---- messages -------------------------------------------------------------------------------

Variants = list[tuple[str, Any]]


def numpy_scalar(outputs: dict[str, Any], key: str, label: str) -> float:
    """A number returned by a numpy problem: Python/numpy scalar or one-element array."""
    from evaluators import compare

    if compare.get(outputs, key).get("type") == "tensor":
        raise CaseFailure(f"{label} should be a Python float (numpy in, number out), got a "
                          "torch.Tensor; return float(...)")
    return compare.as_float(outputs, key, label)


def bug_hint(got: Any, variants: Variants, rtol: float = 1e-4, atol: float = 1e-6) -> str:
    """`` — looks like HINT`` if ``got`` equals one of the known-buggy ``variants``, else ``""``."""
    got = np.asarray(got, dtype=np.float64)
    for hint, value in variants:
        value = np.asarray(value, dtype=np.float64)
        if got.shape == value.shape and np.isfinite(value).all() \
                and np.allclose(got, value, rtol=rtol, atol=atol):
            return f" — looks like {hint}"
    return ""


def close_or_fail(label: str, got: np.ndarray, expected: np.ndarray, tol: tuple[float, float],
                  variants: Variants | None = None, nonfinite_hint: str = "") -> None:
    """:func:`compare.assert_close` plus a named classic bug when the answer matches one."""
    from evaluators import compare

    got = np.asarray(got, dtype=np.float64)
    if nonfinite_hint and got.shape == np.shape(expected) and not np.isfinite(got).all():
        raise CaseFailure(f"{label} is not finite (got {got.ravel()[:4].tolist()}) — "
                          f"{nonfinite_hint}")
    try:
        compare.assert_close(label, got, expected, tol)
    except CaseFailure as failure:
        raise CaseFailure(str(failure) + bug_hint(got, variants or [])) from None
