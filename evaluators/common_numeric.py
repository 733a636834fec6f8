"""Shared helpers for the losses / classic-ML / numerics problems.

Both halves are free of reference logic (drivers import this module inside the sandbox):

* seeded input generators for the large budget cases, so a driver builds the same arrays as the
  trusted side from a small payload (``{"seed": ..., sizes}``) instead of shipping hundreds of
  MB (in ``prepare_<op>``, before the supervisor's clocks start);
* message helpers for the trusted side: :func:`bug_hint` names a classic mistake when a wrong
  answer equals it, :func:`close_or_fail` adds it to a comparison's message.

Time and memory are never measured here: budgets are declared on the case
(``Case(budget=TimeBudget(...), memory=MemoryBudget(...))``) and judged on the supervisor's
measurements (:mod:`evaluators.budget`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.problem import CaseFailure

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


def box_inputs(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """float32 boxes (n, 4) and (m, 4) as x1, y1, x2, y2 in a 1000 x 1000 image."""
    rng = np.random.default_rng(seed)

    def boxes(count: int) -> np.ndarray:
        xy = rng.uniform(0, 950, (count, 2))
        wh = rng.uniform(5, 120, (count, 2))
        return np.concatenate([xy, xy + wh], axis=1).astype(np.float32)

    return boxes(n), boxes(m)


def attention_inputs(seed: int, batch: int, heads: int, length: int,
                     d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """float32 (q, k, v), each (batch, heads, length, d), standard normal."""
    rng = np.random.default_rng(seed)
    shape = (batch, heads, length, d)
    return tuple(rng.standard_normal(shape, dtype=np.float32) for _ in range(3))  # type: ignore[return-value]


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
