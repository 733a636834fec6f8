"""Relative time budgets, judged on the trusted side from the supervisor's measurements.

A case with a :class:`~evaluators.problem.TimeBudget` passes its budget when the candidate's CPU
time for it is at most ``factor x max(reference time, floor)`` and its wall time at most
:data:`WALL_SLACK` times that (sleeping or blocking costs no CPU but is still slow; the slack
absorbs a busy machine). The candidate's time is what the
zygote measured (never a number the submission's process reported); the reference time is the
reference solution's, run through the *same* driver in the *same* sandbox, best of
:data:`REFERENCE_RUNS`, cached per sandbox and problem — so "20x the reference" compares like
with like, including the driver's own share of the work. CPU time is used (all threads of the
process, user + system) because it hardly moves with the machine's load; the wall clock is the
fallback when a CPU clock could not be read.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from evaluators.problem import Case, CaseFailure, Problem
from evaluators.sandbox.base import Sandbox, SandboxRequest

REFERENCE_RUNS = 3
WALL_SLACK = 2.0
_cache: weakref.WeakKeyDictionary[Any, dict[str, dict[str, float]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


class ReferenceTimingError(RuntimeError):
    """The reference solution could not be timed (it failed in this sandbox)."""


def seconds(measured: dict[str, Any] | None) -> float | None:
    """The CPU seconds of one measured case (wall seconds if no CPU clock was read)."""
    if not measured:
        return None
    value = measured.get("cpu_ms")
    if value is None:
        value = measured.get("wall_ms")
    return None if value is None else float(value) / 1000


def _time_reference(problem: Problem, sandbox: Sandbox) -> dict[str, float]:
    timed = [c for c in problem.cases if c.budget is not None]
    request = SandboxRequest(code=problem.reference_source, driver=problem.driver,
                             cases=[c.wire() for c in timed], timeout_s=problem.timeout_s,
                             memory_mb=problem.memory_mb)
    best: dict[str, float] = {}
    for _ in range(REFERENCE_RUNS):
        response = sandbox.run(request)
        for case in timed:
            result = response.case_results.get(case.name) or {}
            value = seconds(result.get("measured"))
            if not result.get("ok") or value is None:
                raise ReferenceTimingError(f"{problem.id}: the reference did not run "
                                           f"{case.name} ({result.get('error')})")
            best[case.name] = min(best.get(case.name, value), value)
    return best


def reference_seconds(problem: Problem, sandbox: Sandbox) -> dict[str, float]:
    """Per-case reference CPU seconds for the budgeted cases of ``problem`` (cached)."""
    with _lock:
        per_problem = _cache.setdefault(sandbox, {})
        if problem.id not in per_problem:
            per_problem[problem.id] = _time_reference(problem, sandbox)
        return per_problem[problem.id]


def check(case: Case, measured: dict[str, Any] | None, ref_s: float) -> None:
    """Raise :class:`CaseFailure` unless the case ran within its budget."""
    budget = case.budget
    assert budget is not None
    elapsed = seconds(measured)
    if elapsed is None or measured is None:
        raise CaseFailure(f"{budget.label}: the sandbox could not measure the time of this test")
    limit = budget.factor * max(ref_s, budget.floor_s)
    wall = float(measured.get("wall_ms") or 0.0) / 1000
    rule = (f"the time budget is {limit:.3g} s of CPU ({budget.factor:g}x the reference's "
            f"{ref_s:.3g} s, with a floor of {budget.floor_s:g} s)")
    if elapsed > limit:
        raise CaseFailure(f"{budget.label} took {elapsed:.3g} s of CPU; {rule}. {budget.advice}")
    if wall > WALL_SLACK * limit:
        raise CaseFailure(f"{budget.label} took {wall:.3g} s (only {elapsed:.3g} s of it on the "
                          f"CPU: sleeping or waiting?); {rule} and {WALL_SLACK:g}x that in "
                          f"wall time. {budget.advice}")
