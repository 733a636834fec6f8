"""A warm, pre-forking worker: ``python -m evaluators.sandbox.zygote CONFIG_JSON CONTROL_FD``.

Importing torch costs ~2 s; forking a process that already has it costs a few milliseconds. A
zygote is a long-lived interpreter started by :class:`~evaluators.sandbox.pool.WarmPool` with an
(almost) empty environment and no secrets. At start-up it

1. imports numpy, torch, the harness and **every driver** (never ``evaluators.problems``: hidden
   references and tests stay on the trusted side), runs a small warm-up so lazy initialisation is
   paid once, and compiles the seccomp filter;
2. moves into its own mount namespace whose root is an allow-list — the interpreter, the
   virtualenv and the shared libraries it loaded, nothing of the project, the service's data or
   the host's homes (see :mod:`evaluators.sandbox.mounts`) — read-only, with a minimal /dev;
3. freezes the GC (children inherit a compact heap and do not touch every page), forks its first
   child and reports the layers that child achieved in an ``H`` frame — the probe behind
   ``describe()``.

Before forking, it *seals* itself (:mod:`evaluators.sandbox.seal`): the originals the harness
needs are captured and the entry points candidate code must not reach are neutered, once, so
every child inherits a sealed interpreter for free.

Then, per request read from stdin (header + packed parts, see :mod:`evaluators.sandbox.channel`
and :mod:`evaluators.sandbox.protocol`), it takes the spare child (forked and sealed ahead of
time, into a fresh PID namespace each), checks it has every layer the probe had, and supervises
it (:mod:`evaluators.sandbox.supervise`), streaming the parts one case at a time. The request
lives in an ``MADV_DONTFORK`` mapping, so the next spare — forked as soon as the load part is
handed over, while the current child runs its cases — inherits none of it. One zygote serves one request
at a time; the pool runs one zygote per slot, each with its own uid.
"""

from __future__ import annotations

import contextlib
import gc
import json
import mmap
import os
import select
import sys
import traceback
from collections.abc import Callable
from typing import Any

from evaluators.sandbox import channel, isolation, linux, mounts, protocol
from evaluators.sandbox.child import EXIT_ESCAPED, child_main
from evaluators.sandbox.seal import seal
from evaluators.sandbox.supervise import Caps, Child, ChildLost, supervise
from evaluators.sandbox.warmup import compact_memory, preload, warm_up

ALLOWED_ENV = frozenset({"PYTHONPATH", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                         "OPENBLAS_NUM_THREADS", "PATH", "LANG", "PYTHONDONTWRITEBYTECODE",
                         "PYTHONHASHSEED"})
READY_TIMEOUT_S = 15.0


class Zygote:
    def __init__(self, config: dict[str, Any], control_in: int, control_out: int) -> None:
        self.config = config
        self.control_in, self.control_out = control_in, control_out
        self.caps = Caps(**config.get("caps", {}))
        self.disable = frozenset(config.get("disable", ()))
        self.layers: list[str] = ["warm-pool", "fork-per-submission"]
        self.required: set[str] = set()
        self.spare: Child | None = None
        self.allowed_files: list[str] = []
        self.pidns_fd: int | None = None
        self.buffer = self._mapping(1 << 16)
        self.originals: Any = None

    # -- start-up -----------------------------------------------------------------------------
    @staticmethod
    def _mapping(size: int) -> mmap.mmap:
        """Anonymous memory that forked children do not inherit (the request buffer)."""
        area = mmap.mmap(-1, size)
        area.madvise(mmap.MADV_DONTFORK)
        return area

    def start(self) -> None:
        drivers = preload()
        warm_up()
        self.originals = seal()
        self.originals.guard = "audit-guard" not in self.disable
        if self.originals.guard:
            self.layers.append("audit-guard")
        program = self._seccomp()
        keep, self.allowed_files = mounts.allowed_paths(
            [self.config["project_root"], *self.config["hidden"]])
        for name in set(os.environ) - ALLOWED_ENV:  # set by torch's own imports (cache dirs)
            if name.startswith(("TORCH", "LC_")):
                del os.environ[name]
        if set(os.environ) <= ALLOWED_ENV:
            self.layers.append("empty-env")
        self._base_view(keep)
        os.chdir("/")
        self._pid_namespaces()
        self.child_config = isolation.ChildConfig(
            uid=self.config["uid"], gid=self.config["gid"], tmpfs_mb=self.config["tmpfs_mb"],
            nproc=self.config["nproc"], nofile=self.config["nofile"],
            fsize_mb=self.config["fsize_mb"], keep=keep, seccomp_program=program,
            disable=self.disable, allow_fork=bool(self.config.get("allow_fork")))
        gc.collect()
        gc.freeze()
        compact_memory()
        probe = self._take_spare()
        report = probe.report or {}
        self.required = set(report.get("layers", ()))
        self.spare = probe
        channel.send_json(self.control_out, b"H", {
            "pid": os.getpid(), "drivers": drivers, "zygote_layers": self.layers,
            "child_layers": sorted(self.required), "errors": report.get("errors", {}),
            "problem_modules": sorted(m for m in sys.modules
                                      if m.startswith("evaluators.problems"))})

    def _seccomp(self) -> bytes | None:
        if "seccomp" in self.disable:
            return None
        try:
            from evaluators.sandbox import seccomp_filter

            return seccomp_filter.compile_filter(allow_fork=bool(self.config.get("allow_fork")))
        except (ImportError, OSError, RuntimeError) as exc:
            print(f"kaoda-zygote: seccomp unavailable: {exc}", file=sys.stderr)
            return None

    def _base_view(self, keep: list[str]) -> None:
        if "mount-namespace" in self.disable:
            return
        try:
            achieved = mounts.build_root(keep, self.allowed_files)
        except OSError as exc:
            print(f"kaoda-zygote: no mount namespace: {exc}", file=sys.stderr)
            return
        self.layers += [n for n in achieved if n != "private-mounts" and n not in self.disable]

    def _pid_namespaces(self) -> None:
        if "pid-namespace" in self.disable:
            return
        try:
            self.pidns_fd = os.open("/proc/self/ns/pid", os.O_RDONLY)
            linux.setns(self.pidns_fd, linux.CLONE_NEWPID)
        except OSError as exc:
            print(f"kaoda-zygote: no PID namespaces: {exc}", file=sys.stderr)
            self.pidns_fd = None

    # -- children -----------------------------------------------------------------------------
    def fork_child(self) -> Child:
        ours: dict[str, int] = {}
        theirs: dict[str, int] = {}
        for name in ("result", "stdout", "stderr", "ready", "request"):
            read_end, write_end = os.pipe()
            ours[name], theirs[name] = (write_end, read_end) if name == "request" else \
                (read_end, write_end)
        self._next_child_in_new_pid_namespace()
        try:
            pid = os.fork()
        except OSError:
            self._reset_pid_namespace()
            raise
        if pid == 0:
            try:
                child_main(self.child_config, theirs, self.originals)
            finally:
                os._exit(EXIT_ESCAPED)
        self._reset_pid_namespace()
        for fd in theirs.values():
            os.close(fd)
        return Child(pid=pid, pidfd=os.pidfd_open(pid), fds=ours)

    def _next_child_in_new_pid_namespace(self) -> None:
        if self.pidns_fd is not None:
            try:
                linux.unshare(linux.CLONE_NEWPID)
            except OSError as exc:
                print(f"kaoda-zygote: unshare(CLONE_NEWPID) failed: {exc}", file=sys.stderr)

    def _reset_pid_namespace(self) -> None:
        if self.pidns_fd is not None:
            linux.setns(self.pidns_fd, linux.CLONE_NEWPID)

    def _await_ready(self, child: Child) -> dict[str, Any] | None:
        fd = child.fds.pop("ready")
        data = bytearray()
        try:
            while select.select([fd], [], [], READY_TIMEOUT_S)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return json.loads(data) if data else None
                data += chunk
            return None
        finally:
            os.close(fd)

    def _take_spare(self) -> Child:
        for _ in range(2):
            child = self.spare or self.fork_child()
            self.spare = None
            if child.report is None:
                child.report = self._await_ready(child)
            if child.report is not None and self.required <= set(child.report["layers"]):
                return child
            self.discard(child)
        raise RuntimeError("could not prepare a sandboxed child with the promised layers")

    def discard(self, child: Child) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, 9)
        os.waitpid(child.pid, 0)
        self.release(child)

    @staticmethod
    def release(child: Child) -> None:
        for fd in (child.pidfd, *child.fds.values()):
            with contextlib.suppress(OSError):
                os.close(fd)
        child.fds.clear()

    # -- requests -----------------------------------------------------------------------------
    def _read_request(self) -> tuple[memoryview, bytes, float] | None:
        """``(body, limits header for the child, timeout)`` of the next request, or None."""
        header = bytearray(channel.REQUEST.size)
        try:
            channel.read_into(self.control_in, memoryview(header))
        except channel.ChannelError:
            return None
        length, timeout_s, memory_mb = channel.unpack_request(header)
        if length > len(self.buffer):
            size = max(length, 2 * len(self.buffer))
            with contextlib.suppress(BufferError):
                self.buffer.close()
            self.buffer = self._mapping(size)
        body = memoryview(self.buffer)[:length]
        channel.read_into(self.control_in, body)
        return body, channel.pack_request(b"", timeout_s, memory_mb), timeout_s

    def serve(self, body: memoryview, limits: bytes, timeout_s: float) -> None:
        handed: list[bool] = []

        def handed_over() -> None:
            if not handed:
                handed.append(True)
                self.spare = self.fork_child()

        channel.send_json(self.control_out, b"S", {})
        try:
            for attempt in (1, 2):
                try:
                    summary = self._run_child(self._take_spare(), body, limits, timeout_s,
                                              handed_over)
                    break
                except ChildLost:
                    if attempt == 2:
                        raise
        finally:
            handed_over()
            body[:] = bytes(len(body))
        if summary["killed_for"] == "service-gone":
            raise SystemExit(0)

    def _run_child(self, child: Child, body: memoryview, limits: bytes, timeout_s: float,
                   handed_over: Callable[[], None]) -> dict[str, Any]:
        """Supervise one child; answer with ``X``, then reap it if that is still to do."""
        try:
            parts, strict = protocol.split_parts(body)
            run = protocol.RunProtocol(parts, self.caps.result_cap, strict)
            summary = supervise(child, run.opening(limits), run, timeout_s, self.caps,
                                self.control_in, self.control_out, handed_over)
            summary["child_layers"] = child.report["layers"] if child.report else []
            channel.send_json(self.control_out, b"X", summary)
            if not summary["reaped"]:
                os.waitpid(child.pid, 0)  # already SIGKILLed; answered first, reap now
            return summary
        finally:
            self.release(child)

    def loop(self) -> None:
        while (received := self._read_request()) is not None:
            self.serve(*received)
            received = None
        if self.spare is not None:
            self.discard(self.spare)


def main(argv: list[str]) -> None:
    config = json.loads(argv[1])
    control_out = int(argv[2])
    zygote = Zygote(config, control_in=0, control_out=control_out)
    try:
        zygote.start()
        zygote.loop()
    except (BrokenPipeError, channel.ChannelError):
        os._exit(0)  # the pool went away
    except Exception as exc:
        traceback.print_exc()
        try:
            channel.send_json(control_out, b"F", {"error": f"{type(exc).__name__}: {exc}"})
        finally:
            os._exit(1)
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
