"""What a graded submission looks like.

The JSON shape is a public contract (CLI ``kaoda eval check --json``, the HTTP API, the interview
transcript): ``problem_id, status, passed, score, tests[{name, passed, message}], stdout, stderr,
duration_ms, isolation`` plus ``uses_forbidden_api`` / ``forbidden_calls`` and ``error`` (a
submission-level message, e.g. a syntax error, or ``None``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["passed", "failed", "error", "timeout", "memory_limit", "forbidden_api"]
FORBIDDEN_SCORE_CAP = 0.5


class TestResult(BaseModel):
    __test__ = False  # not a pytest class

    name: str
    passed: bool
    message: str = ""


class Isolation(BaseModel):
    """Which sandbox layers protected this run; ``missing`` lists layers that were unavailable."""

    level: Literal["full", "partial", "none"]
    layers: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class GradeResult(BaseModel):
    problem_id: str
    status: Status
    passed: bool
    score: float = Field(ge=0.0, le=1.0)
    tests: list[TestResult] = Field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    duration_ms: float = 0.0
    isolation: Isolation
    uses_forbidden_api: bool = False
    forbidden_calls: list[str] = Field(default_factory=list)
    error: str | None = None

    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if not t.passed), None)
