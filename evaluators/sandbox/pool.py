"""The warm pool: the production :class:`~evaluators.sandbox.base.Sandbox`.

``WarmPool(workers=N)`` keeps N zygotes (default ``os.cpu_count()``), one per *slot*; slot ``i``
runs every submission as uid/gid ``uid_base + i``, so two submissions running at the same time
never share a uid, a PID namespace, a mount namespace or a /tmp.

Concurrency: :meth:`run` may be called from many threads. Idle workers wait in a queue; a call
leases one, sends the packed request, and blocks on that worker's frames alone, so calls only
contend for the queue. More callers than workers simply wait for a worker.

Failure handling: a worker whose zygote is dead when leased, or that dies or hangs during a call
(see :class:`~evaluators.sandbox.worker.WorkerLost`), is killed and *replaced in the
background* (start-up takes ~2 s) while other workers keep serving. A request whose child had not
started yet is retried on another worker; one that was running raises :class:`SandboxError`
(never the candidate's fault, so never reported as their failure).

Isolation: each zygote reports the layers its first child achieved; :meth:`describe` is what all
of them share (see :func:`evaluators.sandbox.isolation.summarize`), and each zygote refuses to
run a child weaker than its own probe. If the level is ``none`` — no namespace, no uid drop and
no seccomp, e.g. not root and no libseccomp — the pool refuses to start with
:class:`SandboxUnavailableError` unless ``allow_unisolated=True``.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from pathlib import Path
from typing import Any

from evaluators import wire
from evaluators.result import Isolation
from evaluators.sandbox import channel, isolation, protocol
from evaluators.sandbox.base import (
    SandboxError,
    SandboxRequest,
    SandboxResponse,
    SandboxUnavailableError,
)
from evaluators.sandbox.outcome import build_response
from evaluators.sandbox.worker import PROJECT_ROOT, WATCHDOG_GRACE_S, WorkerLost, ZygoteWorker

log = logging.getLogger("kaoda.sandbox")
PROBLEMS_DIR = str(Path(__file__).resolve().parents[1] / "problems")
MAX_ATTEMPTS = 3


def _layers(hello: dict[str, Any]) -> set[str]:
    return set(hello["zygote_layers"]) | set(hello["child_layers"])


_PARTS: dict[tuple[int, str], tuple[Any, bytes]] = {}
_PARTS_LOCK = threading.Lock()


def _case_part(case: dict[str, Any]) -> bytes:
    """A case's encoded part, cached per payload object (problems build their cases once)."""
    key = (id(case["payload"]), str(case["name"]))
    with _PARTS_LOCK:
        hit = _PARTS.get(key)
        if hit is not None and hit[0] is case["payload"]:
            return hit[1]
    part = wire.encode({"name": case["name"], "payload": case["payload"]})
    with _PARTS_LOCK:
        if len(_PARTS) > 4096:
            _PARTS.clear()
        _PARTS[key] = (case["payload"], part)
    return part


def pack(request: SandboxRequest) -> bytes:
    """The request as a zygote reads it: limits header, then the load part and one part per
    case (:mod:`evaluators.sandbox.protocol`)."""
    cases = [{"name": c["name"], "op": c.get("op") or "run",
              **({"memory": True} if c.get("memory") else {})} for c in request.cases]
    parts = [wire.encode({"code": request.code, "driver": request.driver, "cases": cases,
                          "forbidden": list(request.forbidden)})]
    parts += [_case_part(c) for c in request.cases]
    strict = [False, *(bool(c.get("timed")) for c in request.cases)]
    body = protocol.pack_parts(parts, strict)
    return channel.pack_request(body, request.timeout_s, request.memory_mb) + body


class WarmPool:
    """N pre-forking zygotes behind a thread-safe :meth:`run`."""

    def __init__(self, workers: int | None = None, *, tmpfs_mb: int = 64, nproc: int = 32,
                 nofile: int = 64, fsize_mb: int = 16, output_cap: int = 64 * 1024,
                 uid_base: int = 60000, hidden_paths: tuple[str, ...] = (),
                 disable: tuple[str, ...] = (), allow_unisolated: bool = False,
                 allow_fork: bool = False,
                 start_timeout_s: float = 180.0,
                 watchdog_grace_s: float = WATCHDOG_GRACE_S) -> None:
        self.size = workers or os.cpu_count() or 1
        self.output_cap = output_cap
        self.start_timeout_s = start_timeout_s
        self.watchdog_grace_s = watchdog_grace_s
        self._settings = {"tmpfs_mb": tmpfs_mb, "nproc": nproc, "nofile": nofile,
                          "fsize_mb": fsize_mb, "disable": list(disable),
                          "allow_fork": allow_fork,
                          "hidden": [PROBLEMS_DIR, *hidden_paths],
                          "project_root": PROJECT_ROOT, "caps": {"output_cap": output_cap}}
        self.uid_base = uid_base
        self._idle: queue.Queue[ZygoteWorker] = queue.Queue()
        self._workers: dict[int, ZygoteWorker] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._threads: list[threading.Thread] = []
        self._start_all()
        self._isolation = self._common_isolation()
        if self._isolation.level != "full":
            errors = {k: v for w in self.workers() for k, v in w.hello.get("errors", {}).items()}
            log.warning("sandbox isolation is %s; missing %s; errors: %s",
                        self._isolation.level, self._isolation.missing, errors)
        if self._isolation.level == "none" and not allow_unisolated:
            self.close()
            raise SandboxUnavailableError(
                "no isolation layer is available (need root for namespaces and the uid drop, "
                f"or libseccomp); missing: {', '.join(self._isolation.missing)}")

    # -- workers ------------------------------------------------------------------------------
    def slot_config(self, slot: int) -> dict[str, Any]:
        uid = self.uid_base + slot
        return {**self._settings, "slot": slot, "uid": uid, "gid": uid}

    def _start_all(self) -> None:
        errors: list[BaseException] = []

        def start(slot: int) -> None:
            try:
                self._install(self._spawn(slot))
            except (OSError, SandboxError) as exc:
                errors.append(exc)

        threads = [threading.Thread(target=start, args=(s,), daemon=True)
                   for s in range(self.size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not self._workers:
            raise SandboxUnavailableError(f"no sandbox worker could start: {errors[:1]}")
        for slot in set(range(self.size)) - set(self._workers):
            self._replace_later(slot)

    def _spawn(self, slot: int) -> ZygoteWorker:
        return ZygoteWorker(slot, self.slot_config(slot), self.start_timeout_s,
                            self.watchdog_grace_s)

    def _install(self, worker: ZygoteWorker) -> None:
        promised = getattr(self, "_isolation", None)
        if promised is not None and not set(promised.layers) <= _layers(worker.hello):
            worker.close()  # a replacement must be as isolated as describe() says
            raise SandboxError(f"slot {worker.slot} restarted with fewer layers: "
                               f"{sorted(set(promised.layers) - _layers(worker.hello))}")
        with self._lock:
            if self._closed:
                worker.close()
                return
            self._workers[worker.slot] = worker
        self._idle.put(worker)

    def _replace_later(self, slot: int) -> None:
        """Start a new zygote for ``slot`` in the background (a few tries, backing off)."""

        def replace() -> None:
            for attempt in range(5):
                if self._closed:
                    return
                try:
                    self._install(self._spawn(slot))
                    return
                except (OSError, SandboxError) as exc:
                    log.warning("sandbox slot %d restart failed: %s", slot, exc)
                    time.sleep(min(30.0, 2.0**attempt))

        thread = threading.Thread(target=replace, name=f"kaoda-zygote-{slot}", daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _retire(self, worker: ZygoteWorker) -> None:
        worker.kill()
        with self._lock:
            if self._workers.get(worker.slot) is worker:
                del self._workers[worker.slot]
        self._replace_later(worker.slot)

    def _lease(self) -> ZygoteWorker:
        deadline = time.monotonic() + self.start_timeout_s
        while not self._closed:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if worker.alive():
                return worker
            self._retire(worker)
        raise SandboxUnavailableError("no sandbox worker is available (all restarting?)")

    # -- Sandbox protocol ---------------------------------------------------------------------
    def _common_isolation(self) -> Isolation:
        with self._lock:
            hellos = [w.hello for w in self._workers.values()]
        common = set.intersection(*(_layers(h) for h in hellos))
        return isolation.summarize(sorted(common))

    def describe(self) -> Isolation:
        return self._isolation.model_copy(deep=True)

    def workers(self) -> list[ZygoteWorker]:
        """The live workers (for health checks and tests)."""
        with self._lock:
            return list(self._workers.values())

    def run(self, request: SandboxRequest) -> SandboxResponse:
        packed = pack(request)
        for attempt in range(MAX_ATTEMPTS):
            worker = self._lease()
            if request.driver not in worker.hello["drivers"]:
                self._idle.put(worker)
                raise SandboxError(f"driver {request.driver} is not loaded in the warm pool "
                                   "(added after the pool started? restart it)")
            try:
                raw = worker.run(packed, request.timeout_s)
            except WorkerLost as lost:
                self._retire(worker)
                if lost.started or attempt == MAX_ATTEMPTS - 1:
                    raise SandboxError(f"sandbox worker lost: {lost}") from lost
                continue
            self._idle.put(worker)
            layers = raw.summary.get("child_layers", []) + worker.hello["zygote_layers"]
            return build_response(raw, isolation.summarize(layers), self.output_cap,
                                  request.timeout_s)
        raise SandboxError("unreachable")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers.values())
            self._workers.clear()
        for worker in workers:
            worker.close()

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
