"""Grading a submission: validate, detect forbidden calls, run in the sandbox, judge.

:func:`grade` is the one entry point used by the CLI, the HTTP API and the interviewer. It never
raises for anything the candidate did: empty code, non-UTF-8 bytes, syntax errors, crashes,
timeouts and memory blow-ups all come back as a :class:`GradeResult` with a clear status and
message. It raises :class:`SubmissionRejected` only for requests that cannot be graded at all
(code over the size limit), which the API maps to a 4xx.
"""

from __future__ import annotations

import ast
from typing import Any

from evaluators.problem import Case, CaseFailure, Problem
from evaluators.result import FORBIDDEN_SCORE_CAP, GradeResult, Isolation, Status, TestResult
from evaluators.sandbox.base import Sandbox, SandboxRequest, SandboxResponse
from evaluators.static_check import find_forbidden

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
    if len(code.encode("utf-8")) > MAX_CODE_BYTES:
        raise SubmissionTooLarge(f"code is larger than {MAX_CODE_BYTES // 1024} KiB; "
                                 "submit only the solution")
    if "\x00" in code:
        raise SubmissionRejected("code contains NUL bytes; submit Python source text")
    return code


def _early_result(problem: Problem, message: str, isolation: Isolation) -> GradeResult:
    tests = [TestResult(name=c.name, passed=False, message=message) for c in problem.cases]
    return GradeResult(problem_id=problem.id, status="error", passed=False, score=0.0,
                       tests=tests, isolation=isolation, error=message)


def _syntax_message(code: str) -> str | None:
    try:
        ast.parse(code, filename="solution.py")
    except SyntaxError as exc:
        return f"SyntaxError at line {exc.lineno}: {exc.msg}"
    return None


def _error_message(error: dict[str, Any]) -> str:
    where = f" at line {error['line']}" if error.get("line") else ""
    return f"{error.get('type', 'Error')}{where}: {error.get('message', '')}".rstrip(": ")


def _judge_case(case: Case, raw: dict[str, Any] | None, response: SandboxResponse) -> TestResult:
    if raw is None:
        reason = {"timeout": "the submission ran out of time before this test finished",
                  "memory_limit": "the submission ran out of memory before this test finished",
                  "output_limit": "the submission produced too much output",
                  }.get(response.outcome, f"the process died before this test ({response.detail})")
        return TestResult(name=case.name, passed=False, message=f"not run: {reason}")
    if not raw.get("ok"):
        return TestResult(name=case.name, passed=False, message=_error_message(raw["error"]))
    try:
        case.check(raw["outputs"])
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


def grade(problem: Problem, code: str | bytes, sandbox: Sandbox) -> GradeResult:
    """Run ``code`` against every case of ``problem`` in ``sandbox`` and judge the outputs."""
    text = _decode(code)
    isolation = sandbox.describe()
    if not text.strip():
        return _early_result(problem, "empty submission: write the solution first", isolation)
    if (syntax := _syntax_message(text)) is not None:
        return _early_result(problem, syntax, isolation)
    forbidden = find_forbidden(text, problem.forbidden)
    request = SandboxRequest(code=text, driver=problem.driver,
                             cases=[c.wire() for c in problem.cases],
                             timeout_s=problem.timeout_s, memory_mb=problem.memory_mb)
    response = sandbox.run(request)
    if response.load_error is not None:
        message = "your module failed to load: " + _error_message(response.load_error)
        result = _early_result(problem, message, response.isolation)
        if response.outcome in ("timeout", "memory_limit"):
            result.status = response.outcome
        elif response.load_error.get("type") == "MemoryError":
            result.status = "memory_limit"
        result.stdout, result.stderr = response.stdout, response.stderr
        result.duration_ms = response.duration_ms
        return result
    tests = [_judge_case(c, response.case_results.get(c.name), response) for c in problem.cases]
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
