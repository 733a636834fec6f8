"""The code that runs a submission inside a sandboxed child process.

The sandbox forks a child per submission, applies its isolation layers, then calls
:func:`run_submission` with the request (already in memory) and an ``emit`` callback that writes
one wire message to the result pipe. The harness:

1. compiles the candidate source as ``solution.py`` and executes it in a fresh module namespace;
2. runs each test case through the problem's driver (``request["driver"]``, a module under
   ``evaluators.drivers``) and exports whatever came back to plain arrays and JSON;
3. emits one message per event as it goes, so a submission that hangs or is killed mid-way still
   leaves the results of the cases it finished.

Events: ``{"event": "loaded"}`` or ``{"event": "load_error", "error": E}``; then per case
``{"event": "case", "name", "ok": True, "outputs", "ms"}`` or ``{..., "ok": False, "error": E}``;
finally ``{"event": "done"}``. ``E`` is ``{"type", "message", "line"}`` where ``line`` is the
candidate's line (``None`` when the error was not raised from the candidate's code).

Nothing here decides pass or fail: that happens on the trusted side.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from evaluators.driver_api import SubmissionError

SOLUTION_FILENAME = "solution.py"
_MAX_DEPTH = 6
_MAX_ITEMS = 100_000
_perf_counter = time.perf_counter  # captured before any candidate code runs


def describe_exception(exc: BaseException) -> dict[str, Any]:
    """Type, message and the deepest candidate line of an exception."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == SOLUTION_FILENAME:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == SOLUTION_FILENAME:
        line = exc.lineno
    message = str(exc) if not isinstance(exc, SubmissionError) else exc.args[0]
    return {"type": type(exc).__name__, "message": message[:2000], "line": line}


def export_value(value: Any, depth: int = 0) -> dict[str, Any]:
    """Turn a candidate's return value into JSON + arrays, recording its Python type."""
    if depth > _MAX_DEPTH:
        return {"type": "other", "repr": "nested too deeply"}
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        t = torch.Tensor.detach(value).cpu()
        if t.dtype in (torch.bfloat16, torch.float16):
            t = t.float()
        return {"type": "tensor", "dtype": str(t.dtype).replace("torch.", ""),
                "requires_grad": bool(value.requires_grad), "array": t.numpy().copy()}
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return {"type": "other", "repr": "numpy array of Python objects"}
        return {"type": "ndarray", "dtype": str(value.dtype), "array": np.array(value)}
    if isinstance(value, np.generic):
        return {"type": "numpy-scalar", "dtype": str(value.dtype), "value": value.item()}
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**62:
            return {"type": "int", "value": float(value)}
        return {"type": type(value).__name__ if value is not None else "none", "value": value}
    if isinstance(value, (list, tuple)):
        items = list(value)[:_MAX_ITEMS]
        return {"type": type(value).__name__ if type(value) in (list, tuple) else "sequence",
                "items": [export_value(v, depth + 1) for v in items]}
    if isinstance(value, dict):
        items = list(value.items())[:_MAX_ITEMS]
        return {"type": "dict", "items": [[export_value(k, depth + 1), export_value(v, depth + 1)]
                                          for k, v in items]}
    return {"type": "other", "repr": type(value).__name__[:100]}


def load_solution(code: str) -> dict[str, Any]:
    """Execute the candidate's source in a fresh module namespace named ``solution``."""
    module = types.ModuleType("solution")
    module.__file__ = SOLUTION_FILENAME
    sys.modules["solution"] = module
    compiled = compile(code, SOLUTION_FILENAME, "exec", dont_inherit=True)
    exec(compiled, module.__dict__)
    return module.__dict__


def run_case(driver: Any, ns: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    op = getattr(driver, case.get("op") or "run", None)
    if op is None:
        raise SubmissionError(f"internal: driver has no operation {case.get('op')!r}")
    started = _perf_counter()
    outputs = op(ns, case["payload"])
    elapsed = (_perf_counter() - started) * 1000
    exported = {str(k): export_value(v) for k, v in outputs.items()}
    return {"event": "case", "name": case["name"], "ok": True, "outputs": exported, "ms": elapsed}


def run_submission(request: dict[str, Any], emit: Callable[[dict[str, Any]], None]) -> None:
    """Run every case of ``request``; report each through ``emit``. Never raises."""
    driver = importlib.import_module(request["driver"])
    try:
        ns = load_solution(request["code"])
    except BaseException as exc:
        emit({"event": "load_error", "error": describe_exception(exc)})
        emit({"event": "done"})
        return
    emit({"event": "loaded"})
    for case in request["cases"]:
        started = _perf_counter()
        try:
            message = run_case(driver, ns, case)
        except BaseException as exc:
            message = {"event": "case", "name": case["name"], "ok": False,
                       "error": describe_exception(exc), "ms": (_perf_counter() - started) * 1000}
        emit(message)
    emit({"event": "done"})
