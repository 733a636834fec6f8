"""The supervisor's own measurements of a child: wall time, CPU time, peak memory.

These are the numbers time and memory budgets are judged on, so none of them comes from the
child. The supervisor reads them from outside, when the child's ``BEGIN`` and ``CASE`` records
arrive (:mod:`evaluators.sandbox.protocol`):

* **wall time** from its own monotonic clock;
* **CPU time** from the child's *process* CPU clock (``clock_gettime`` on the clock id Linux
  derives from a pid: all of its threads, user + system), nanosecond resolution;
* **peak RSS**: when a case starts it writes ``5`` to ``/proc/<pid>/clear_refs`` (resets the
  high-water mark to the current RSS) and reads that RSS (``start_rss_kb``: for a case whose
  driver prepared its inputs, the process with the inputs allocated, just before the call); at
  its ``CASE`` record it reads ``VmHWM`` from ``/proc/<pid>/status`` (``peak_rss_kb``). Their
  difference is the case's *peak extra memory* (:mod:`evaluators.budget`).

Everything is best effort: a clock or file that is not available yields ``None`` for that number
(the budget check then says it could not measure instead of passing).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from typing import Any

CPUCLOCK_SCHED = 2


def process_cpu_clock(pid: int) -> int:
    """The Linux clock id of a process's CPU clock (``MAKE_PROCESS_CPUCLOCK(pid, SCHED)``)."""
    return ((~pid) << 3) | CPUCLOCK_SCHED


def _status_kb(fd: int, key: bytes) -> int | None:
    data = os.pread(fd, 4096, 0)
    for line in data.splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return None


@dataclass
class ChildClock:
    """Per-case measurements of one child process, taken by its supervisor."""

    pid: int
    clock: int = 0
    _status: int = -1
    _clear: int = -1
    _begin: tuple[int, int | None, int | None] | None = None  # wall ns, CPU ns, RSS kB
    cases: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.clock = process_cpu_clock(self.pid)
        with contextlib.suppress(OSError):
            self._status = os.open(f"/proc/{self.pid}/status", os.O_RDONLY)
        with contextlib.suppress(OSError):
            self._clear = os.open(f"/proc/{self.pid}/clear_refs", os.O_WRONLY)

    def _cpu_ns(self) -> int | None:
        try:
            return time.clock_gettime_ns(self.clock)
        except OSError:
            return None

    def _kb(self, key: bytes) -> int | None:
        if self._status < 0:
            return None
        try:
            return _status_kb(self._status, key)
        except (OSError, ValueError):
            return None

    def begin(self) -> None:
        if self._clear >= 0:
            with contextlib.suppress(OSError):
                os.pwrite(self._clear, b"5", 0)
        self._begin = (time.monotonic_ns(), self._cpu_ns(), self._kb(b"VmRSS:"))

    def end(self) -> dict[str, Any]:
        now, cpu = time.monotonic_ns(), self._cpu_ns()
        started, cpu_started, rss = self._begin or (now, None, None)
        measured = {"wall_ms": (now - started) / 1e6,
                    "cpu_ms": None if cpu is None or cpu_started is None
                    else (cpu - cpu_started) / 1e6, "peak_rss_kb": self._kb(b"VmHWM:"),
                    "start_rss_kb": rss}
        self.cases.append(measured)
        self._begin = None
        return measured

    def close(self) -> None:
        for fd in (self._status, self._clear):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._status = self._clear = -1
