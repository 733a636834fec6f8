"""Turning what a zygote relayed into a :class:`SandboxResponse` (trusted side).

The child's result stream is decoded here, on the service side, with :mod:`evaluators.wire`
(JSON + ``.npy``, ``allow_pickle=False``); a cut-off stream keeps the events that arrived whole.
The outcome is decided from the evidence, in this order:

* the zygote killed the child at the wall-clock limit, or the kernel sent ``SIGXCPU`` (or the
  hard CPU limit's ``SIGKILL`` after the CPU time was used up) → ``timeout``;
* the zygote killed it for flooding stdout/stderr/results → ``output_limit``;
* a ``MemoryError`` or torch's "can't allocate memory" anywhere (load, a case, stderr), or an
  unexplained ``SIGKILL`` → ``memory_limit`` (RLIMIT_AS makes allocations fail in-process);
* no ``done`` event → ``crashed``, with the exit code or signal in ``detail``;
* otherwise ``completed``.

Events are the child's words, so they are *sanitised* before the grader sees them: a case is
either ``ok`` with a dict of outputs or an error ``{type, message, line}`` of the right types; a
malformed or hostile stream (bad frames, JSON nested 100 000 deep) ends decoding there instead
of raising in the service.
"""

from __future__ import annotations

import io
import signal
from typing import Any

from evaluators import wire
from evaluators.result import Isolation
from evaluators.sandbox.base import Outcome, SandboxResponse
from evaluators.sandbox.worker import RawRun

MEMORY_MARKERS = ("can't allocate memory", "DefaultCPUAllocator", "Cannot allocate memory",
                  "out of memory")


def is_memory_error(error: dict[str, Any] | None) -> bool:
    if not error:
        return False
    if error.get("type") in ("MemoryError", "OutOfMemoryError"):
        return True
    message = str(error.get("message", ""))
    return any(marker in message for marker in MEMORY_MARKERS)


def _text(data: bytearray, total: int, cap: int) -> str:
    text = bytes(data[:cap]).decode("utf-8", "replace")
    if total > cap:
        text += f"\n[output truncated at {cap // 1024} KiB; {total} bytes written]"
    return text


def _outcome(summary: dict[str, Any], done: bool, memory: bool, cpu_limit_hit: bool) -> Outcome:
    killed_for = summary.get("killed_for") or ""
    signum = summary.get("signal")
    if killed_for == "timeout" or signum == signal.SIGXCPU or cpu_limit_hit:
        return "timeout"
    if killed_for.startswith("output_limit"):
        return "output_limit"
    if memory or (not done and signum == signal.SIGKILL):
        return "memory_limit"
    return "completed" if done else "crashed"


def _decode_events(data: bytes) -> list[Any]:
    """Every whole message of the result stream, stopping at the first malformed one."""
    stream = io.BytesIO(data)
    events = []
    while stream.tell() < len(data):
        try:
            events.append(wire.read_message(stream, max_bytes=len(data)))
        except Exception:  # WireError, RecursionError…: these bytes are untrusted
            break
    return events


def clean_error(error: Any) -> dict[str, Any]:
    """An error report in exactly the shape the grader expects, whatever the child sent."""
    if not isinstance(error, dict):
        error = {"type": "MalformedResult", "message": repr(error)[:200]}
    line = error.get("line")
    return {"type": str(error.get("type", "Error"))[:200],
            "message": str(error.get("message", ""))[:2000],
            "line": line if isinstance(line, int) and not isinstance(line, bool) else None}


def clean_case(event: dict[str, Any]) -> dict[str, Any]:
    """A case event the grader can rely on: ``ok`` with a dict of outputs, or an error."""
    name = str(event.get("name"))
    ms = event.get("ms")
    ms = float(ms) if isinstance(ms, (int, float)) and not isinstance(ms, bool) else 0.0
    if event.get("ok") is True and isinstance(event.get("outputs"), dict):
        return {"event": "case", "name": name, "ok": True, "outputs": event["outputs"], "ms": ms}
    error = event.get("error") if event.get("ok") is False else \
        {"type": "MalformedResult", "message": "the result of this test was malformed"}
    return {"event": "case", "name": name, "ok": False, "error": clean_error(error), "ms": ms}


def build_response(raw: RawRun, isolation: Isolation, output_cap: int,
                   timeout_s: float) -> SandboxResponse:
    """Decode and sanitise what the child sent; decide the outcome (see the module doc)."""
    summary = raw.summary
    sent = summary.get("bytes", {})
    response = SandboxResponse(
        outcome="completed", isolation=isolation, duration_ms=raw.elapsed_ms,
        stdout=_text(raw.streams[b"O"], sent.get("stdout", 0), output_cap),
        stderr=_text(raw.streams[b"E"], sent.get("stderr", 0), output_cap))
    done = False
    for event in _decode_events(bytes(raw.streams[b"R"])):
        kind = event.get("event") if isinstance(event, dict) else None
        if kind == "load_error":
            response.load_error = clean_error(event.get("error"))
        elif kind == "case":
            response.case_results[str(event.get("name"))] = clean_case(event)
        elif kind == "done":
            done = True
    memory = (is_memory_error(response.load_error) or "MemoryError" in response.stderr
              or any(is_memory_error(c.get("error")) for c in response.case_results.values()
                     if not c.get("ok")))
    cpu_limit_hit = (summary.get("signal") == signal.SIGKILL and not summary.get("killed_for")
                     and summary.get("cpu_s", 0.0) >= int(timeout_s) + 1)
    response.outcome = _outcome(summary, done, memory, cpu_limit_hit)
    response.detail = _detail(summary)
    return response


def _detail(summary: dict[str, Any]) -> str:
    parts = []
    if summary.get("killed_for"):
        parts.append(f"killed by the sandbox ({summary['killed_for']})")
    if summary.get("signal") is not None:
        try:
            name = signal.Signals(summary["signal"]).name
        except ValueError:
            name = str(summary["signal"])
        parts.append(f"signal {name}")
    elif summary.get("exit_code"):
        parts.append(f"exit code {summary['exit_code']}")
    return ", ".join(parts)
