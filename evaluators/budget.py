"""Relative time budgets and memory budgets, judged on the trusted side from the supervisor's
measurements.

**Time.** A case with a :class:`~evaluators.problem.TimeBudget` passes its budget when the
candidate's CPU time for it is at most ``factor x max(reference time, floor)`` and its wall time
at most :data:`WALL_SLACK` times that (sleeping or blocking costs no CPU but is still slow; the
slack absorbs a busy machine). The candidate's time is what the zygote measured (never a number
the submission's process reported); the reference time is the reference solution's, run through
the *same* driver in the *same* sandbox, best of :data:`REFERENCE_RUNS`, cached per sandbox and
problem — so "20x the reference" compares like with like, including the driver's own share of
the work. CPU time is used (all threads of the process, user + system) because it hardly moves
with the machine's load; the wall clock is the fallback when a CPU clock could not be read.

**Memory.** A case with a :class:`~evaluators.problem.MemoryBudget` passes when its peak
resident memory minus the resident memory just before the call stays under the budget. "Just
before" is capped at what the reference solution's process held at the same point plus
:data:`HELD_SLACK_KB`: memory a submission allocated in advance (a score matrix filled at import
time, say) is not a free baseline, it counts as extra.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

from evaluators.problem import Case, CaseFailure, Problem
from evaluators.sandbox.base import Sandbox, SandboxRequest

REFERENCE_RUNS = 3
WALL_SLACK = 2.0
HELD_SLACK_KB = 32 * 1024  # more held before the call than the reference: counted as extra
MIB_KB = 1024
_cache: weakref.WeakKeyDictionary[Any, dict[str, dict[str, Reference]]] = \
    weakref.WeakKeyDictionary()
_lock = threading.Lock()


class ReferenceTimingError(RuntimeError):
    """The reference solution could not be measured (it failed in this sandbox)."""


@dataclass(frozen=True)
class Reference:
    """The reference solution's measurements of one budgeted case (best of its runs)."""

    seconds: float
    start_rss_kb: int | None = None


def seconds(measured: dict[str, Any] | None) -> float | None:
    """The CPU seconds of one measured case (wall seconds if no CPU clock was read)."""
    if not measured:
        return None
    value = measured.get("cpu_ms")
    if value is None:
        value = measured.get("wall_ms")
    return None if value is None else float(value) / 1000


def _kb(measured: dict[str, Any] | None, key: str) -> int | None:
    value = (measured or {}).get(key)
    return int(value) if isinstance(value, (int, float)) else None


def _min(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _measure_reference(problem: Problem, sandbox: Sandbox) -> dict[str, Reference]:
    budgeted = [c for c in problem.cases if c.measured_exactly]
    request = SandboxRequest(code=problem.reference_source, driver=problem.driver,
                             cases=[c.wire() for c in budgeted], timeout_s=problem.timeout_s,
                             memory_mb=problem.memory_mb)
    best: dict[str, Reference] = {}
    for _ in range(REFERENCE_RUNS):
        response = sandbox.run(request)
        for case in budgeted:
            result = response.case_results.get(case.name) or {}
            measured = result.get("measured")
            value = seconds(measured)
            if not result.get("ok") or value is None:
                raise ReferenceTimingError(f"{problem.id}: the reference did not run "
                                           f"{case.name} ({result.get('error')})")
            old = best.get(case.name)
            best[case.name] = Reference(
                value if old is None else min(old.seconds, value),
                _min(old.start_rss_kb if old else None, _kb(measured, "start_rss_kb")))
    return best


def references(problem: Problem, sandbox: Sandbox) -> dict[str, Reference]:
    """The reference's measurements of ``problem``'s budgeted cases (cached per sandbox)."""
    with _lock:
        per_problem = _cache.setdefault(sandbox, {})
        if problem.id not in per_problem:
            per_problem[problem.id] = _measure_reference(problem, sandbox)
        return per_problem[problem.id]


def check(case: Case, measured: dict[str, Any] | None, ref_s: float) -> None:
    """Raise :class:`CaseFailure` unless the case ran within its time budget."""
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


def peak_extra_kb(measured: dict[str, Any] | None, ref_start_kb: int | None) -> int | None:
    """Peak extra resident memory of a case in kB (see the module doc), or None if unmeasured."""
    peak, start = _kb(measured, "peak_rss_kb"), _kb(measured, "start_rss_kb")
    if peak is None or start is None:
        return None
    if ref_start_kb is not None:
        start = min(start, ref_start_kb + HELD_SLACK_KB)
    return max(0, peak - start)


def check_memory(case: Case, measured: dict[str, Any] | None,
                 ref_start_kb: int | None) -> None:
    """Raise :class:`CaseFailure` unless the case stayed within its memory budget."""
    memory = case.memory
    assert memory is not None
    extra = peak_extra_kb(measured, ref_start_kb)
    if extra is None:
        raise CaseFailure(f"{memory.label}: the sandbox could not measure the memory of this test")
    if extra * 1024 <= memory.max_bytes:
        return
    held = (_kb(measured, "start_rss_kb") or 0) - (ref_start_kb or 0) - HELD_SLACK_KB
    note = (f" ({held // MIB_KB + HELD_SLACK_KB // MIB_KB} MiB of it were already held before "
            "the call, more than the reference holds: memory allocated in advance counts too)"
            if ref_start_kb is not None and held > 0 else "")
    raise CaseFailure(f"{memory.label} used {extra / MIB_KB:.0f} MiB of extra memory at its peak"
                      f"{note}; the budget is {memory.max_bytes / 2**20:.0f} MiB. "
                      f"{memory.advice}")
