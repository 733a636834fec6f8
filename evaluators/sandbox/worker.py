"""The pool's handle on one zygote process: start it, send it a request, read its frames.

A :class:`ZygoteWorker` owns one ``python -m evaluators.sandbox.zygote`` process started with an
explicit minimal environment (no variable of the service's environment reaches it), its own
session, stdin as the request pipe and a dedicated pipe for frames (stdout goes to /dev/null so
stray prints cannot corrupt the protocol; stderr is the service's, for the zygote's own log).

Results arrive as records the zygote has already verified (``R`` chunks closed by a ``Q``
frame): each is decoded as soon as it is complete (:func:`evaluators.wire.decode_at`, bounded,
arrays are views into the record's own buffer), so the service holds one copy of a result, not
the raw stream plus its decoded form.

:meth:`ZygoteWorker.run` is used by one thread at a time (the pool leases workers). It has its own
watchdog — the request's timeout plus a grace period — so a zygote that hangs or dies is detected
here, killed with its whole process group, and reported as :class:`WorkerLost`; whether the
child had already started (``S`` frame) tells the pool whether the request may be retried on
another worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluators import wire
from evaluators.sandbox import channel
from evaluators.sandbox.base import SandboxError

PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
WATCHDOG_GRACE_S = 25.0


class WorkerLost(SandboxError):
    """The zygote died, hung or broke the protocol."""

    def __init__(self, message: str, started: bool) -> None:
        super().__init__(message)
        self.started = started


def zygote_env() -> dict[str, str]:
    """The whole environment a zygote gets: nothing from the service's own environment."""
    return {"PYTHONPATH": PROJECT_ROOT, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class RawRun:
    """What came back for one request: verified records (decoded), output, the summary."""

    summary: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)
    streams: dict[bytes, bytearray] = field(
        default_factory=lambda: {b"O": bytearray(), b"E": bytearray()})
    elapsed_ms: float = 0.0


@dataclass
class _Record:
    """The record being received: one buffer of the announced size, filled in order."""

    data: bytearray = field(default_factory=bytearray)
    filled: int = 0


def apply_frame(run: RawRun, record: _Record, kind: bytes, payload: bytes) -> bool:
    """Fold one zygote frame into ``run``; True once the ``X`` summary arrived."""
    if kind == b"R":
        record.data[record.filled:record.filled + len(payload)] = payload
        record.filled += len(payload)
    elif kind == b"P":  # a record of this many bytes follows: one allocation, no regrowth
        record.data, record.filled = bytearray(int(json.loads(payload)["length"])), 0
    elif kind == b"Q":
        data = record.data if record.filled == len(record.data) else \
            record.data[:record.filled]
        run.records.append(decode_record(json.loads(payload), data))
        record.data, record.filled = bytearray(), 0
    elif kind in run.streams:
        run.streams[kind] += payload
    elif kind == b"X":
        run.summary = json.loads(payload)
        return True
    return False


def collect_frames(fd: int, run: RawRun) -> RawRun:
    """Read frames from ``fd`` until the ``X`` summary (blocking; the cold runner's loop)."""
    reader, record = channel.FrameReader(), _Record()
    while True:
        data = os.read(fd, 1 << 20)
        if not data:
            raise SandboxError("the supervisor stopped before its summary")
        for kind, payload in reader.feed(data):
            if apply_frame(run, record, kind, payload):
                return run


def decode_record(end: dict[str, Any], data: bytearray) -> dict[str, Any]:
    """One record as the trusted side uses it: kind, case index, measurements, event."""
    record = {"kind": str(end.get("kind")), "index": end.get("index"),
              "measured": end.get("measured"), "event": None, "error": None}
    try:
        record["event"] = wire.decode(data) if data else {}
    except (wire.WireError, RecursionError, MemoryError) as exc:
        record["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    return record


class ZygoteWorker:
    def __init__(self, slot: int, config: dict[str, Any], start_timeout_s: float,
                 watchdog_grace_s: float = WATCHDOG_GRACE_S) -> None:
        self.slot = slot
        self.watchdog_grace_s = watchdog_grace_s
        read_fd, write_fd = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-s", "-B", "-m", "evaluators.sandbox.zygote",
                 json.dumps(config), str(write_fd)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=zygote_env(),
                cwd=PROJECT_ROOT, start_new_session=True, pass_fds=(write_fd,))
        finally:
            os.close(write_fd)
        self.frames_fd = read_fd
        self.poller = select.poll()  # not select(): the service may hold fds above 1024
        self.poller.register(read_fd, select.POLLIN)
        self.reader = channel.FrameReader()
        self.pending: list[tuple[bytes, bytes]] = []
        try:
            kind, payload = self._next_frame(time.monotonic() + start_timeout_s, started=False)
            if kind != b"H":
                raise WorkerLost(f"zygote failed to start: {payload[:2000]!r}", started=False)
            self.hello: dict[str, Any] = json.loads(payload)
        except BaseException:
            self.kill()
            raise

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _next_frame(self, deadline: float, started: bool) -> tuple[bytes, bytes]:
        while not self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise WorkerLost("zygote did not answer in time (killed)", started)
            if not self.poller.poll(remaining * 1000):
                continue
            data = os.read(self.frames_fd, 1 << 20)
            if not data:
                self.kill()
                raise WorkerLost(f"zygote exited (status {self.proc.poll()})", started)
            self.pending.extend(self.reader.feed(data))
        return self.pending.pop(0)

    def run(self, request: bytes, timeout_s: float) -> RawRun:
        """Send one packed request; block until its ``X`` frame (or raise :class:`WorkerLost`)."""
        began = time.monotonic()
        assert self.proc.stdin is not None
        try:
            channel.write_all(self.proc.stdin.fileno(), request)
        except OSError as exc:
            self.kill()
            raise WorkerLost(f"zygote not reachable: {exc}", started=False) from exc
        deadline = began + timeout_s + self.watchdog_grace_s
        run = RawRun(summary={})
        record = _Record()
        started = False
        while True:
            kind, payload = self._next_frame(deadline, started)
            started = started or kind == b"S"
            if kind not in (b"R", b"P", b"Q", b"O", b"E", b"S", b"X"):
                self.kill()
                raise WorkerLost(f"zygote failed: {kind!r} {payload[:2000]!r}", started)
            if apply_frame(run, record, kind, payload):
                run.elapsed_ms = (time.monotonic() - began) * 1000
                return run

    def kill(self) -> None:
        """SIGKILL the zygote's process group (its children die by their parent-death signal)."""
        if self.proc.returncode is None:  # not reaped yet, so the group id is still ours
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._close_fds()

    def close(self, wait_s: float = 2.0) -> None:
        """Ask politely (EOF on stdin), then kill."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(timeout=wait_s)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def _close_fds(self) -> None:
        if self.frames_fd >= 0:
            os.close(self.frames_fd)
            self.frames_fd = -1
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
