"""The seam between grading (trusted) and running candidate code (untrusted).

A :class:`Sandbox` takes a :class:`SandboxRequest` — the candidate's source, the driver module
that knows how to call it, the test-case payloads (arrays and JSON only) and limits — and returns
a :class:`SandboxResponse` with the raw per-case outputs that the trusted side then judges.
Implementations must never run the code in the calling process, must enforce every limit in the
request, and must say in ``isolation`` which protection layers were really in force.

    SandboxError
    └── SandboxUnavailableError   no backend could be started (the message says why)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from evaluators.result import Isolation

Outcome = Literal["completed", "timeout", "memory_limit", "crashed", "output_limit"]


class SandboxError(Exception):
    """Base class of sandbox failures that are not the candidate's fault."""


class SandboxUnavailableError(SandboxError):
    """No sandbox backend could be started on this machine."""


@dataclass(frozen=True)
class SandboxRequest:
    code: str
    driver: str  # module path, e.g. "evaluators.drivers.nms"
    cases: list[dict[str, Any]]  # each {"name", "op", "payload"}
    timeout_s: float = 10.0
    memory_mb: int = 2048
    forbidden: tuple[str, ...] = ()  # watched at run time (see evaluators.sandbox.observe)


@dataclass
class SandboxResponse:
    """What a run produced, sanitised. ``case_results[name]`` is ``{"ok", "outputs" | "error",
    "observed": {"ops", "calls", "imports"}, "measured": {"wall_ms", "cpu_ms", "peak_rss_kb",
    "start_rss_kb"}}``;
    ``measured`` comes from the supervisor, never from the child (exact for timed cases, which
    run alone; approximate for the others, which are pipelined)."""

    outcome: Outcome
    isolation: Isolation
    load_error: dict[str, Any] | None = None
    case_results: dict[str, dict[str, Any]] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""
    duration_ms: float = 0.0
    detail: str = ""  # what the sandbox saw (signal, exit code), for messages
    observed_load: dict[str, Any] = field(default_factory=dict)
    tampered: str | None = None  # the harness saw its namespaces/profiler/threads changed
    violation: str | None = None  # the result channel carried something the harness never sent
    malformed: str | None = None  # a verified record that could not be decoded


class Sandbox(Protocol):
    def run(self, request: SandboxRequest) -> SandboxResponse: ...

    def describe(self) -> Isolation: ...

    def close(self) -> None: ...
