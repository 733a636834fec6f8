"""A cold, rlimit-only sandbox: one fresh interpreter per submission.

This is the weakest backend: a new ``python`` process with an empty environment, its own session,
and rlimits (CPU, address space, processes, file size, open files, no core dumps). It has no
namespaces and no seccomp filter, so it reports ``level="partial"`` and lists what is missing.
It exists as the baseline the warm pool is benchmarked against, and for machines where the pool
cannot start. It pays the full interpreter + torch import (~2 s) on every submission.

The child runs the same harness as the pool's children, and this process supervises it with the
zygote's own code (:func:`evaluators.sandbox.supervise.supervise`, on a helper thread, relaying
frames through a pipe that the calling thread reads like a :class:`ZygoteWorker` would): streamed
cases, verified records, the supervisor's clocks.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from evaluators.result import Isolation
from evaluators.sandbox import channel, protocol
from evaluators.sandbox.base import SandboxError, SandboxRequest, SandboxResponse
from evaluators.sandbox.outcome import build_response
from evaluators.sandbox.pool import pack
from evaluators.sandbox.supervise import Caps, Child, ChildLost, supervise
from evaluators.sandbox.worker import RawRun, collect_frames

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

    def _spawn(self, request: SandboxRequest) -> tuple[subprocess.Popen, Child]:
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        cpu_s = max(1, int(request.timeout_s) + 1)
        proc = subprocess.Popen(
            [sys.executable, "-s", "-B", "-m", "evaluators.sandbox.child_main", str(req_r),
             str(res_w)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            pass_fds=(req_r, res_w), cwd=str(PROJECT_ROOT), start_new_session=True,
            env={"PYTHONPATH": str(PROJECT_ROOT), "OMP_NUM_THREADS": "1"},
            preexec_fn=lambda: _limits(request.memory_mb, cpu_s))
        os.close(req_r)
        os.close(res_w)
        assert proc.stdout is not None and proc.stderr is not None
        fds = {"request": req_w, "result": res_r, "stdout": os.dup(proc.stdout.fileno()),
               "stderr": os.dup(proc.stderr.fileno())}
        proc.stdout.close()
        proc.stderr.close()
        return proc, Child(pid=proc.pid, pidfd=os.pidfd_open(proc.pid), fds=fds)

    def run(self, request: SandboxRequest) -> SandboxResponse:
        packed = pack(request)
        header = bytes(packed[:channel.REQUEST.size])
        body = memoryview(packed)[channel.REQUEST.size:]
        parts, strict = protocol.split_parts(body)
        run = protocol.RunProtocol(parts, Caps().result_cap, strict)
        proc, child = self._spawn(request)
        frames_r, frames_w = os.pipe()
        control_r, control_w = os.pipe()  # kept open: EOF would mean "service gone"
        outcome: dict[str, Any] = {}
        started = time.monotonic()

        def supervise_child() -> None:
            try:
                outcome["summary"] = supervise(
                    child, run.opening(header), run, request.timeout_s + 2.0,
                    Caps(output_cap=OUTPUT_CAP), control_r, frames_w, lambda: None)
            except (ChildLost, TimeoutError, OSError) as exc:
                outcome["error"] = exc
            finally:
                channel.send_json(frames_w, b"X", outcome.get("summary") or {})
                os.close(frames_w)

        thread = threading.Thread(target=supervise_child, daemon=True)
        thread.start()
        try:
            raw = collect_frames(frames_r, RawRun(summary={}))
        finally:
            thread.join()
            for fd in (frames_r, control_r, control_w, child.pidfd, *child.fds.values()):
                with contextlib.suppress(OSError):
                    os.close(fd)
            with contextlib.suppress(ChildProcessError):
                proc.wait()
        if "error" in outcome and not isinstance(outcome["error"], ChildLost):
            raise SandboxError(f"the one-shot child could not be supervised: {outcome['error']}")
        raw.elapsed_ms = (time.monotonic() - started) * 1000
        return build_response(raw, self.describe(), OUTPUT_CAP, request.timeout_s)
