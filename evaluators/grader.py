"""Grading a submission: validate, detect forbidden calls, run in the sandbox, judge.

:func:`grade` is the one entry point used by the CLI, the HTTP API and the interviewer. It never
raises for anything the candidate did: empty code, non-UTF-8 bytes, syntax errors, source too
deeply nested for the compiler, crashes, timeouts and memory blow-ups all come back as a
:class:`GradeResult` with a clear status and message. It raises :class:`SubmissionRejected` only
for requests that cannot be graded at all (code over the size limit), which the API maps to a
4xx.

What decides the grade, and where it is decided (nothing the submission's process says about
itself is believed):

* outputs are compared here, on decoded data, by each case's ``check``;
* time and memory budgets use the supervisor's CPU clock and memory readings for the candidate
  and for the reference (:mod:`evaluators.budget`); checks that want them get those
  measurements under ``outputs["__measured__"]`` and what ran under ``outputs["__observed__"]``;
* forbidden library calls are found statically *and* in what the run executed
  (:mod:`evaluators.forbidden`); either caps the score at 0.5;
* a run whose result channel carried anything the harness did not write, or whose harness saw
  its own namespaces, profiler or threads changed, is an ``error`` with score 0.
"""

from __future__ import annotations

from typing import Any

from evaluators import budget
from evaluators.forbidden import runtime_hits
from evaluators.problem import MEASURED, OBSERVED, Case, CaseFailure, Problem
from evaluators.result import FORBIDDEN_SCORE_CAP, GradeResult, Isolation, Status, TestResult
from evaluators.sandbox.base import Sandbox, SandboxError, SandboxRequest, SandboxResponse
from evaluators.static_check import find_forbidden, syntax_problem

MAX_CODE_BYTES = 64 * 1024


class SubmissionRejected(ValueError):
    """The submission cannot be graded (too large, not text); the message says what to do."""


class SubmissionTooLarge(SubmissionRejected):
    """The code is over :data:`MAX_CODE_BYTES`."""


def _decode(code: str | bytes) -> str:
    if isinstance(code, bytes):
        try:
            code = code.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SubmissionRejected("code must be UTF-8 text; re-save the file as UTF-8") from exc
    try:
        size = len(code.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise SubmissionRejected("code contains unpaired surrogate characters; submit plain "
                                 "UTF-8 Python source") from exc
    if size > MAX_CODE_BYTES:
        raise SubmissionTooLarge(f"code is larger than {MAX_CODE_BYTES // 1024} KiB; "
                                 "submit only the solution")
    if "\x00" in code:
        raise SubmissionRejected("code contains NUL bytes; submit Python source text")
    return code


def _early_result(problem: Problem, message: str, isolation: Isolation) -> GradeResult:
    tests = [TestResult(name=c.name, passed=False, message=message) for c in problem.cases]
    return GradeResult(problem_id=problem.id, status="error", passed=False, score=0.0,
                       tests=tests, isolation=isolation, error=message)


def _error_message(error: dict[str, Any]) -> str:
    where = f" at line {error['line']}" if error.get("line") else ""
    return f"{error.get('type', 'Error')}{where}: {error.get('message', '')}".rstrip(": ")


def _with_measurements(raw: dict[str, Any]) -> dict[str, Any]:
    outputs = {k: v for k, v in raw["outputs"].items() if k not in (MEASURED, OBSERVED)}
    measured = raw.get("measured") or {}
    outputs[MEASURED], outputs[OBSERVED] = measured, raw.get("observed") or {}
    return outputs


def _judge_case(case: Case, raw: dict[str, Any] | None, response: SandboxResponse,
                ref: dict[str, budget.Reference]) -> TestResult:
    if raw is None:
        reason = {"timeout": "the submission ran out of time before this test finished",
                  "memory_limit": "the submission ran out of memory before this test finished",
                  "output_limit": "the submission produced too much output",
                  }.get(response.outcome, f"the process died before this test ({response.detail})")
        return TestResult(name=case.name, passed=False, message=f"not run: {reason}")
    if not raw.get("ok"):
        return TestResult(name=case.name, passed=False, message=_error_message(raw["error"]))
    try:
        case.check(_with_measurements(raw))
        if case.budget is not None:
            budget.check(case, raw.get("measured"), ref[case.name].seconds)
        if case.memory is not None:
            budget.check_memory(case, raw.get("measured"), ref[case.name].start_rss_kb)
    except CaseFailure as failure:
        return TestResult(name=case.name, passed=False, message=str(failure))
    except Exception as exc:
        return TestResult(name=case.name, passed=False,
                          message=f"output could not be checked ({type(exc).__name__}: {exc})")
    return TestResult(name=case.name, passed=True, message="ok")


def _status(response: SandboxResponse, tests: list[TestResult], forbidden: list[str]) -> Status:
    memory_errors = any(r.get("error", {}).get("type") == "MemoryError"
                        for r in response.case_results.values() if not r.get("ok"))
    if response.outcome == "timeout":
        return "timeout"
    if response.outcome == "memory_limit" or memory_errors:
        return "memory_limit"
    if response.load_error is not None or response.outcome in ("crashed", "output_limit"):
        return "error"
    if forbidden:
        return "forbidden_api"
    return "passed" if all(t.passed for t in tests) else "failed"


def _tampering(problem: Problem, response: SandboxResponse) -> GradeResult | None:
    """An error grade if the run cannot be trusted at all."""
    why = None
    if response.violation:
        why = ("the submission wrote to the harness's result channel or interfered with it "
               f"({response.violation})")
    elif response.tampered:
        why = f"the submission tampered with the grading harness: {response.tampered}"
    elif response.malformed:
        why = f"the submission's results could not be read ({response.malformed})"
    if why is None:
        return None
    result = _early_result(problem, why, response.isolation)
    result.stdout, result.stderr = response.stdout, response.stderr
    result.duration_ms = round(response.duration_ms, 1)
    return result


def _load_failure(problem: Problem, response: SandboxResponse) -> GradeResult:
    assert response.load_error is not None
    message = "your module failed to load: " + _error_message(response.load_error)
    result = _early_result(problem, message, response.isolation)
    if response.outcome in ("timeout", "memory_limit"):
        result.status = response.outcome
    elif response.load_error.get("type") == "MemoryError":
        result.status = "memory_limit"
    result.stdout, result.stderr = response.stdout, response.stderr
    result.duration_ms = round(response.duration_ms, 1)
    return result


def _forbidden_used(problem: Problem, text: str, response: SandboxResponse) -> list[str]:
    static = find_forbidden(text, problem.forbidden)
    observed = [response.observed_load, *(r.get("observed", {}) for r in
                                          response.case_results.values())]
    runtime = [f"{name} (at run time)" for name in runtime_hits(problem.forbidden, observed)
               if name not in static]
    return static + runtime


def _references(problem: Problem, sandbox: Sandbox) -> dict[str, budget.Reference]:
    if not any(c.measured_exactly for c in problem.cases):
        return {}
    try:
        return budget.references(problem, sandbox)
    except budget.ReferenceTimingError as exc:  # not the candidate's doing: retry later
        raise SandboxError(f"the time budget cannot be measured right now: {exc}") from exc


def grade(problem: Problem, code: str | bytes, sandbox: Sandbox) -> GradeResult:
    """Run ``code`` against every case of ``problem`` in ``sandbox`` and judge the outputs."""
    text = _decode(code)
    isolation = sandbox.describe()
    if not text.strip():
        return _early_result(problem, "empty submission: write the solution first", isolation)
    if (syntax := syntax_problem(text)) is not None:
        return _early_result(problem, syntax, isolation)
    request = SandboxRequest(code=text, driver=problem.driver,
                             cases=[c.wire() for c in problem.cases],
                             timeout_s=problem.timeout_s, memory_mb=problem.memory_mb,
                             forbidden=problem.forbidden)
    response = sandbox.run(request)
    if (tampered := _tampering(problem, response)) is not None:
        return tampered
    if response.load_error is not None:
        return _load_failure(problem, response)
    forbidden = _forbidden_used(problem, text, response)
    ref = _references(problem, sandbox)
    tests = [_judge_case(c, response.case_results.get(c.name), response, ref)
             for c in problem.cases]
    total = sum(c.weight for c in problem.cases) or 1.0
    score = sum(c.weight for c, t in zip(problem.cases, tests, strict=True) if t.passed) / total
    if forbidden:
        score = min(score, FORBIDDEN_SCORE_CAP)
    status = _status(response, tests, forbidden)
    error = None
    if status in ("timeout", "memory_limit", "error"):
        error = {"timeout": f"time limit of {problem.timeout_s:g} s exceeded",
                 "memory_limit": f"memory limit of {problem.memory_mb} MiB exceeded",
                 }.get(status, f"the submission crashed ({response.detail})")
    if forbidden:
        note = "uses a forbidden library call: " + ", ".join(forbidden) + "; score capped at 0.5"
        error = f"{error}; {note}" if error else note
    return GradeResult(problem_id=problem.id, status=status, passed=status == "passed",
                       score=round(score, 4), tests=tests, stdout=response.stdout,
                       stderr=response.stderr, duration_ms=round(response.duration_ms, 1),
                       isolation=response.isolation, uses_forbidden_api=bool(forbidden),
                       forbidden_calls=forbidden, error=error)
