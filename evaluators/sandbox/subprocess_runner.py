"""A cold, rlimit-only sandbox: one fresh interpreter per submission.

This is the weakest backend: a new ``python`` process with an empty environment, its own session,
and rlimits (CPU, address space, processes, file size, open files, no core dumps). It has no
namespaces and no seccomp filter, so it reports ``level="partial"`` and lists what is missing.
It exists as the baseline the warm pool is benchmarked against, and for machines where the pool
cannot start. It pays the full interpreter + torch import (~2 s) on every submission.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from evaluators import wire
from evaluators.result import Isolation
from evaluators.sandbox.base import SandboxRequest, SandboxResponse
from evaluators.sandbox.collect import collect_events

PROJECT_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_CAP = 64 * 1024


def _limits(memory_mb: int, cpu_s: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_AS, ((memory_mb + 1024) << 20,) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (256, 256))
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 << 20,) * 2)
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class SubprocessSandbox:
    """Runs each submission in a brand-new interpreter with rlimits only."""

    def describe(self) -> Isolation:
        return Isolation(level="partial", layers=["subprocess", "empty-env", "session", "rlimits"],
                         missing=["namespaces", "seccomp", "uid-drop", "private-tmp", "warm-pool"])

    def close(self) -> None:
        """Nothing to release: every run owns its own process."""

    def run(self, request: SandboxRequest) -> SandboxResponse:
        read_fd, write_fd = os.pipe()
        cpu_s = max(1, int(request.timeout_s) + 1)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-s", "-B", "-m", "evaluators.sandbox.child_main", str(write_fd)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            pass_fds=(write_fd,), cwd=str(PROJECT_ROOT), start_new_session=True,
            env={"PYTHONPATH": str(PROJECT_ROOT), "OMP_NUM_THREADS": "1"},
            preexec_fn=lambda: _limits(request.memory_mb, cpu_s),
        )
        os.close(write_fd)
        payload = wire.encode({"code": request.code, "driver": request.driver,
                               "cases": request.cases})
        try:
            assert proc.stdin is not None
            proc.stdin.write(payload)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        events, stdout, stderr, timed_out = collect_events(
            proc.pid, read_fd, proc.stdout, proc.stderr, request.timeout_s + 2.0, OUTPUT_CAP)
        returncode = proc.wait()
        elapsed = (time.perf_counter() - started) * 1000
        return _response(events, stdout, stderr, elapsed, timed_out, returncode, self.describe())


def _response(events: list[dict], stdout: str, stderr: str, elapsed: float, timed_out: bool,
              returncode: int, isolation: Isolation) -> SandboxResponse:
    response = SandboxResponse(outcome="completed", isolation=isolation, stdout=stdout,
                               stderr=stderr, duration_ms=elapsed)
    done = False
    for event in events:
        if event.get("event") == "load_error":
            response.load_error = event.get("error")
        elif event.get("event") == "case":
            response.case_results[str(event.get("name"))] = event
        elif event.get("event") == "done":
            done = True
    killed_by = -returncode if returncode < 0 else None
    if timed_out or killed_by == signal.SIGXCPU:
        response.outcome = "timeout"
    elif not done:
        memory = "MemoryError" in stderr or killed_by == signal.SIGKILL
        response.outcome = "memory_limit" if memory else "crashed"
        response.detail = f"exit code {returncode}" if killed_by is None else f"signal {killed_by}"
    return response
