"""Turning what a zygote relayed into a :class:`SandboxResponse` (trusted side).

The records reached the service already verified by the zygote (grammar, order, HMAC tags) and
decoded one at a time by the worker (:func:`evaluators.sandbox.worker.decode_record`). The
outcome is decided from the evidence, in this order:

* the zygote killed the child at the wall-clock limit, or the kernel sent ``SIGXCPU`` (or the
  hard CPU limit's ``SIGKILL`` after the CPU time was used up) → ``timeout``;
* the zygote killed it for flooding stdout/stderr/results → ``output_limit``;
* a ``MemoryError`` or torch's "can't allocate memory" anywhere (load, a case, stderr), or an
  unexplained ``SIGKILL`` → ``memory_limit`` (RLIMIT_AS makes allocations fail in-process);
* no ``done`` record → ``crashed``, with the exit code or signal in ``detail``;
* otherwise ``completed``.

Independently, ``violation`` (the result channel was written to by something other than the
harness) and ``tampered`` (the harness saw its namespaces, profiler or threads changed) are
carried on the response: the grader turns either into an error grade.

Events are still the child's words, so they are *sanitised* before the grader sees them: a case
is either ``ok`` with a dict of outputs or an error ``{type, message, line}`` of the right types;
``observed`` (operators, forbidden calls, imports) is reduced to plain names and counts; the
zygote's ``measured`` numbers are attached to the case.
"""

from __future__ import annotations

import signal
from typing import Any

from evaluators.result import Isolation
from evaluators.sandbox.base import Outcome, SandboxResponse
from evaluators.sandbox.worker import RawRun
from evaluators.wire import clean_text

MEMORY_MARKERS = ("can't allocate memory", "DefaultCPUAllocator", "Cannot allocate memory",
                  "out of memory")
MAX_NAMES = 2000


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
    if memory or (not done and signum == signal.SIGKILL and killed_for != "protocol"):
        return "memory_limit"
    return "completed" if done else "crashed"


def clean_error(error: Any) -> dict[str, Any]:
    """An error report in exactly the shape the grader expects, whatever the child sent."""
    if not isinstance(error, dict):
        error = {"type": "MalformedResult", "message": repr(error)[:200]}
    line = error.get("line")
    return {"type": clean_text(str(error.get("type", "Error")))[:200],
            "message": clean_text(str(error.get("message", "")))[:2000],
            "line": line if isinstance(line, int) and not isinstance(line, bool) else None}


def clean_observed(observed: Any) -> dict[str, Any]:
    """Operator counts and names, bounded and of the right types."""
    if not isinstance(observed, dict):
        return {"ops": {}, "calls": [], "imports": []}
    ops = observed.get("ops")
    counts = {str(k)[:200]: int(v) for k, v in list(ops.items())[:MAX_NAMES]
              if isinstance(v, int) and not isinstance(v, bool)} if isinstance(ops, dict) else {}

    def names(key: str) -> list[str]:
        value = observed.get(key)
        return [str(v)[:200] for v in value[:MAX_NAMES]] if isinstance(value, list) else []

    return {"ops": counts, "calls": names("calls"), "imports": names("imports")}


def clean_case(event: dict[str, Any], measured: Any) -> dict[str, Any]:
    """A case event the grader can rely on: ``ok`` with a dict of outputs, or an error."""
    case: dict[str, Any] = {"event": "case", "name": str(event.get("name")),
                            "observed": clean_observed(event.get("observed")),
                            "measured": measured if isinstance(measured, dict) else {}}
    if event.get("ok") is True and isinstance(event.get("outputs"), dict):
        return {**case, "ok": True, "outputs": event["outputs"]}
    error = event.get("error") if event.get("ok") is False else \
        {"type": "MalformedResult", "message": "the result of this test was malformed"}
    return {**case, "ok": False, "error": clean_error(error)}


def _apply(response: SandboxResponse, record: dict[str, Any]) -> bool:
    """Fold one record into the response; True if it was the ``done`` record."""
    event = record["event"]
    if not isinstance(event, dict):
        response.malformed = record.get("error") or "undecodable record"
        return False
    kind = record["kind"]
    if isinstance(event.get("tampered"), str) and response.tampered is None:
        response.tampered = clean_text(event["tampered"])[:500]
    if kind in ("L", "E"):
        response.observed_load = clean_observed(event.get("observed"))
        if kind == "E":
            response.load_error = clean_error(event.get("error"))
    elif kind == "C":
        case = clean_case(event, record.get("measured"))
        response.case_results[case["name"]] = case
    return kind == "D"


def build_response(raw: RawRun, isolation: Isolation, output_cap: int,
                   timeout_s: float) -> SandboxResponse:
    """Sanitise what the child sent; decide the outcome (see the module doc)."""
    summary = raw.summary
    sent = summary.get("bytes", {})
    response = SandboxResponse(
        outcome="completed", isolation=isolation, duration_ms=raw.elapsed_ms,
        stdout=_text(raw.streams[b"O"], sent.get("stdout", 0), output_cap),
        stderr=_text(raw.streams[b"E"], sent.get("stderr", 0), output_cap),
        violation=summary.get("violation"))
    done = False
    for record in raw.records:
        done = _apply(response, record) or done
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
