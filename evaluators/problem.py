"""How a coding problem is described on the trusted side.

Each problem is a package ``evaluators/problems/<id>/`` holding

* ``statement.zh.md`` / ``statement.en.md`` — the statement (signature, example, constraints);
* ``starter.py`` — the code the candidate starts from;
* ``reference.py`` — the hidden reference solution, shaped exactly like a candidate's file;
* ``__init__.py`` — ``PROBLEM = Problem(...)``: metadata plus ``make_cases``, which builds the
  named test cases with fixed seeds. Each :class:`Case` carries the payload sent into the sandbox
  and a ``check`` that runs on the trusted side against the raw outputs, raising
  :class:`CaseFailure` with a message the candidate can act on.

The sandbox side of a problem is its driver ``evaluators/drivers/<id>.py`` (public harness code).
Reference solutions, payload generation and checks never enter the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

Outputs = dict[str, Any]
# Reserved output keys the grader fills in before a check runs (anything the child sent under
# these names is discarded): the supervisor's measurements of the case and what it executed.
MEASURED = "__measured__"  # {"wall_ms", "cpu_ms", "peak_rss_kb", "start_rss_kb"}
OBSERVED = "__observed__"  # {"ops": {aten name: count}, "calls": [...], "imports": [...]}


class CaseFailure(Exception):
    """A test case failed; ``str(exc)`` is what the candidate is told."""


@dataclass(frozen=True)
class TimeBudget:
    """This case must run within ``factor`` x the reference's time (floored at ``floor_s``).

    Both times are the CPU time of the sandboxed process between the driver starting the
    operation and the result being exported, measured by the supervisor (see
    :mod:`evaluators.sandbox.measure`); the reference's is its own run through the same driver
    in the same sandbox (:mod:`evaluators.budget`).
    """

    label: str
    floor_s: float
    advice: str
    factor: float = 20.0


@dataclass(frozen=True)
class MemoryBudget:
    """This case's *peak extra memory* must stay under ``max_bytes``.

    Peak extra memory is the sandboxed process's peak resident memory during the case minus its
    resident memory just before it — for a case whose driver prepares its inputs
    (``prepare_<op>``), with those inputs already allocated — both read by the supervisor from
    outside the process (:mod:`evaluators.sandbox.measure`). Memory the submission allocated
    *before* the call (at import, in an earlier case) counts too, beyond what the reference
    solution holds at the same point (:mod:`evaluators.budget`), so a buffer prepared in advance
    cannot hide a large temporary.
    """

    label: str
    max_bytes: int
    advice: str


@dataclass(frozen=True)
class Case:
    name: str
    payload: dict[str, Any]
    check: Callable[[Outputs], None]
    weight: float = 1.0
    op: str = "run"
    budget: TimeBudget | None = None
    memory: MemoryBudget | None = None

    @property
    def measured_exactly(self) -> bool:
        """Whether the case needs exact measurements (it has a time or memory budget)."""
        return self.budget is not None or self.memory is not None

    def wire(self) -> dict[str, Any]:
        """The case as the sandbox gets it (``timed``: run it alone, on exact clocks and exact
        memory accounting)."""
        wired = {"name": self.name, "op": self.op, "payload": self.payload,
                 "timed": self.measured_exactly}
        if self.memory is not None:
            wired["memory"] = True
        return wired


@dataclass(frozen=True)
class Problem:
    id: str
    title_zh: str
    title_en: str
    difficulty: str
    tags: tuple[str, ...]
    directory: Path
    make_cases: Callable[[], list[Case]] = field(repr=False)
    forbidden: tuple[str, ...] = ()
    timeout_s: float = 10.0
    memory_mb: int = 2048

    @property
    def driver(self) -> str:
        return f"evaluators.drivers.{self.id}"

    def _read(self, name: str) -> str:
        return (self.directory / name).read_text(encoding="utf-8")

    @cached_property
    def statement_zh(self) -> str:
        return self._read("statement.zh.md")

    @cached_property
    def statement_en(self) -> str:
        return self._read("statement.en.md")

    @cached_property
    def starter(self) -> str:
        return self._read("starter.py")

    @cached_property
    def reference_source(self) -> str:
        return self._read("reference.py")

    @cached_property
    def cases(self) -> list[Case]:
        """The test cases, generated once per process (seeds are fixed)."""
        cases = self.make_cases()
        names = [c.name for c in cases]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.id}: duplicate case names")
        return cases

    def statement(self, language: str) -> str:
        return self.statement_zh if language == "zh" else self.statement_en

    def title(self, language: str) -> str:
        return self.title_zh if language == "zh" else self.title_en
