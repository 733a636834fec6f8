"""Shared helpers for the losses / classic-ML / numerics problems.

Two halves, both free of reference logic (drivers import this module inside the sandbox):

* seeded input generators for the large timing cases, so a driver builds the same arrays as the
  trusted side from a small payload (``{"seed": ..., sizes}``) instead of shipping hundreds of MB;
* legacy timing helpers: :func:`timed` (a child-side clock — *not trusted*; budgets are now
  declared as ``Case(budget=TimeBudget(...))`` and judged on the supervisor's clocks, see
  :mod:`evaluators.budget`), :func:`reference_seconds` and :func:`check_time_budget`, kept so
  problems written against them still run (their ``elapsed`` output is overwritten with the
  measured time); plus :func:`bug_hint`, which names a classic mistake when a wrong answer
  equals it;
* :func:`peak_memory` for drivers (the peak extra resident memory of one call, measured in the
  child — *not trusted* either) and :func:`check_memory_budget` for the trusted side.
"""

from __future__ import annotations

import ctypes
import gc
import os
import threading
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


# ---- timing ---------------------------------------------------------------------------------

def timed(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float]:
    """Call ``fn`` and return (result, elapsed seconds). Used by drivers."""
    started = _perf_counter()
    result = fn(*args, **kwargs)
    return result, _perf_counter() - started


# ---- memory ---------------------------------------------------------------------------------

_open = open  # captured before any candidate code runs
_KIB = 1024
_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // _KIB


def _status_kib() -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of this process in KiB, from /proc/self/status."""
    found: dict[str, int] = {}
    with _open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith((b"VmRSS:", b"VmHWM:")):
                key, value = line.split(b":", 1)
                found[key.decode()] = int(value.split()[0])
    return found


def _rss_kib() -> int:
    with _open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * _PAGE_KIB


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (needs a dumpable process); False where refused."""
    try:
        with _open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


_M_MMAP_THRESHOLD = -3  # glibc mallopt parameter


def _map_large_allocations(threshold: int = 256 << 10) -> None:
    """Serve every allocation of ``threshold`` bytes or more by its own mmap (glibc).

    glibc's default raises this threshold at run time, after which large blocks come from the
    heap, where small allocations made in between fragment the freed holes: a loop that frees a
    2 MiB temporary per step then grows the RSS by ~2 MiB per step although it never holds more
    than one. With a fixed threshold, freeing a large block unmaps it, so the RSS follows what is
    actually live. Best effort (other C libraries ignore it).
    """
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, threshold)
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def peak_memory(fn: Callable[..., Any], *args: Any, interval_s: float = 0.001,
                **kwargs: Any) -> tuple[Any, dict[str, Any]]:
    """Call ``fn``; return (result, measurement) of the resident memory it added at its peak.

    The kernel's peak-RSS counter (VmHWM) is exact when it rises during the call (or can be reset
    first); when an earlier allocation left it higher, a thread sampling the RSS every
    ``interval_s`` gives the peak instead (big temporaries live far longer than one interval).
    Large allocations are mapped one by one first (:func:`_map_large_allocations`), so heap
    fragmentation is not counted as memory in use. All values in bytes; ``exact`` says which
    source ``peak_extra`` came from.
    """
    gc.collect()
    _map_large_allocations()
    reset = _reset_peak()
    before = _status_kib()
    sampled = [before["VmRSS"]]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(interval_s):
            sampled[0] = max(sampled[0], _rss_kib())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result = fn(*args, **kwargs)
    finally:
        done.set()
        sampler.join()
    after = _status_kib()
    exact = reset or after["VmHWM"] > before["VmHWM"]
    peak = after["VmHWM"] if exact else max(sampled[0], after["VmRSS"])
    return result, {"peak_extra": (peak - before["VmRSS"]) * _KIB, "exact": exact,
                    "rss_before": before["VmRSS"] * _KIB, "hwm_after": after["VmHWM"] * _KIB}


def check_memory_budget(label: str, measured: Any, budget_bytes: int, advice: str) -> None:
    """Fail unless the driver's :func:`peak_memory` measurement stays under ``budget_bytes``."""
    extra = measured.get("peak_extra") if isinstance(measured, dict) else None
    if not isinstance(extra, (int, float)) or not np.isfinite(extra):
        raise CaseFailure(f"internal: the driver reported no memory measurement for {label}")
    if extra > budget_bytes:
        raise CaseFailure(
            f"{label} used {extra / 2**20:.0f} MiB of extra memory at its peak; the budget is "
            f"{budget_bytes / 2**20:.0f} MiB. {advice}")


def reference_seconds(fn: Callable[[], Any], repeats: int = 3,
                      warm_up: Callable[[], Any] | None = None) -> float:
    """Best-of-``repeats`` wall time of ``fn`` after one warm-up call (trusted side).

    ``warm_up`` replaces the warm-up call (e.g. the same code on a small input, when one full
    run costs seconds).
    """
    (warm_up or fn)()
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def torch_reference_seconds(fn: Callable[[], Any], repeats: int = 3,
                            warm_up: Callable[[], Any] | None = None) -> float:
    """:func:`reference_seconds` of a torch reference on one thread, as submissions run."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with torch.no_grad():
            return reference_seconds(fn, repeats, warm_up)
    finally:
        torch.set_num_threads(threads)


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
