"""The zygote's side of one submission: stream the cases, verify the records, keep the clock.

:func:`supervise` runs a single ``selectors`` loop over the child's request pipe (written without
blocking, so a large part cannot deadlock against a chatty child), its result, stdout and stderr
pipes, its pidfd (readable once it has exited) and the pool's control pipe (EOF there means the
service is gone).

The request is fed as :class:`~evaluators.sandbox.protocol.RunProtocol` says: the limits header,
the run's key and the load part at once; each case's part only after the previous case's record
has been received and verified. Records are checked as they stream in (grammar, sequence, HMAC
tag) and relayed to the pool as ``R`` chunks, each record closed by a ``Q`` frame carrying its
kind and — for cases — the supervisor's own measurements (:mod:`evaluators.sandbox.measure`),
taken when the ``BEGIN`` and ``CASE`` records arrived. A violation kills the child at once and
ends up in the summary (``violation``); the trusted side then grades an error.

Limits enforced here, each with ``SIGKILL`` to the child — PID 1 of its namespace, so the kernel
kills every process the candidate created:

* wall clock: ``timeout_s`` after the load part was handed over;
* output: stdout/stderr beyond ``output_cap`` bytes are dropped, beyond ``output_hard_cap`` the
  run is stopped; records beyond ``result_cap`` bytes likewise (outcome ``output_limit``).

Request parts are written straight from the zygote's request buffer (never copied to the heap),
which is mapped ``MADV_DONTFORK``: the next spare child, forked while this one runs, inherits no
byte of this submission.
"""

from __future__ import annotations

import collections
import contextlib
import os
import selectors
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evaluators.sandbox import channel
from evaluators.sandbox.measure import ChildClock
from evaluators.sandbox.protocol import (
    BEGIN,
    CASE,
    GO,
    WAIT,
    OutputLimit,
    ProtocolViolation,
    Record,
    RunProtocol,
)

CHUNK = 64 * 1024
REAP_GRACE_S = 5.0
STREAM_KIND = {"stdout": b"O", "stderr": b"E"}


class ChildLost(RuntimeError):
    """The child died before it had the load part: not the submission's doing, retry."""


@dataclass
class Caps:
    output_cap: int = 64 * 1024
    output_hard_cap: int = 4 << 20
    result_cap: int = 64 << 20


@dataclass
class Child:
    """A forked child as the zygote holds it: its pid, pidfd and our ends of its pipes."""

    pid: int
    pidfd: int
    fds: dict[str, int]  # result/stdout/stderr (read), request (write), ready (read)
    report: dict[str, Any] | None = None


@dataclass
class _State:
    child: Child
    caps: Caps
    control_out: int
    protocol: RunProtocol
    clock: ChildClock
    pending: collections.deque = field(default_factory=collections.deque)
    sent: dict[str, int] = field(default_factory=lambda: {"result": 0, "stdout": 0, "stderr": 0})
    status: int | None = None
    killed_for: str | None = None
    violation: str | None = None
    reap_by: float = 0.0
    cpu_s: float = 0.0
    handed: bool = False
    begin_wait: bool = False
    buffer: bytearray = field(default_factory=lambda: bytearray(CHUNK))
    sink: channel.FrameSink = field(init=False)

    def __post_init__(self) -> None:
        self.sink = channel.FrameSink(self.control_out)

    def kill(self, reason: str) -> None:
        if self.killed_for is None and self.status is None:
            self.killed_for = reason
            self.reap_by = time.monotonic() + REAP_GRACE_S
            os.kill(self.child.pid, signal.SIGKILL)

    # -- records ------------------------------------------------------------------------------
    def on_record(self, record: Record) -> None:
        self.begin_wait = False
        if record.length and record.kind != BEGIN:
            self.sink.json(b"P", {"length": record.length})

    def on_chunk(self, record: Record, chunk: memoryview) -> None:
        if record.kind == BEGIN:
            self.begin_wait = bytes(chunk) == WAIT
            return
        self.sent["result"] += len(chunk)
        for at in range(0, len(chunk), channel.MAX_FRAME):
            self.sink.frame(b"R", chunk[at:at + channel.MAX_FRAME])

    def on_end(self, record: Record) -> None:
        if record.kind == BEGIN:
            if self.begin_wait:  # the driver prepared inputs: the clock starts now
                self.clock.begin()
                self.pending.append(memoryview(GO))
            return
        end: dict[str, Any] = {"kind": record.kind.decode(), "index": record.index}
        if record.kind == CASE:
            end["measured"] = self.clock.end()
            self.clock.begin()  # the next case starts now (exact when it is a strict one)
        self.sink.json(b"Q", end)
        pieces, strict = self.protocol.next_parts()
        if strict and self.protocol.sent_parts - 1 == self.protocol.cases_done + 1:
            self.clock.begin()  # every earlier case answered: the child waits on this part
        self.pending.extend(pieces)


def _relay_output(state: _State, name: str, fd: int) -> bool:
    """Forward one chunk of stdout/stderr; False at EOF."""
    view = memoryview(state.buffer)
    got = os.readv(fd, [view])
    if got == 0:
        return False
    before = state.sent[name]
    state.sent[name] = before + got
    keep = max(0, min(got, state.caps.output_cap - before))
    if keep:
        state.sink.frame(STREAM_KIND[name], view[:keep])
        state.sink.flush()
    if state.sent[name] > state.caps.output_hard_cap:
        state.kill(f"output_limit:{name}")
    view[:got] = bytes(got)
    return True


def _relay_result(state: _State, fd: int) -> bool:
    view = memoryview(state.buffer)
    got = os.readv(fd, [view])
    if got == 0:
        return False
    try:
        if state.killed_for is None:
            state.protocol.feed(view[:got], state.on_record, state.on_chunk, state.on_end)
    except OutputLimit:
        state.kill("output_limit:result")
    except ProtocolViolation as exc:
        state.violation = str(exc)
        state.kill("protocol")
    finally:
        state.sink.flush()  # before the buffer its frames point into is reused
        view[:got] = bytes(got)
    return True


def _feed(state: _State, fd: int, handed_over: Callable[[], None]) -> None:
    try:
        while state.pending:
            written = os.writev(fd, list(state.pending)[:64])
            while written:
                head = state.pending[0]
                if written < len(head):
                    state.pending[0] = head[written:]
                    return
                written -= len(head)
                state.pending.popleft()
    except BlockingIOError:
        return
    except BrokenPipeError as exc:
        if not state.handed:
            raise ChildLost("the child closed its request pipe before reading it") from exc
        state.pending.clear()
        return
    state.handed = True
    if state.protocol.state != "load":
        handed_over()  # idle until the child answers: a good moment for the zygote's own work


def _open_selector(child: Child, control_in: int) -> selectors.DefaultSelector:
    selector = selectors.DefaultSelector()
    for name in ("result", *STREAM_KIND):
        selector.register(child.fds[name], selectors.EVENT_READ, name)
    selector.register(child.pidfd, selectors.EVENT_READ, "exit")
    selector.register(control_in, selectors.EVENT_READ, "control")
    os.set_blocking(child.fds["request"], False)
    selector.register(child.fds["request"], selectors.EVENT_WRITE, "request")
    return selector


def _close(state: _State, selector: selectors.BaseSelector, fd: int) -> None:
    """Close one of the child's pipes and forget it (its number may be reused at once)."""
    selector.unregister(fd)
    os.close(fd)
    state.child.fds = {name: value for name, value in state.child.fds.items() if value != fd}


def _update_request(state: _State, selector: selectors.BaseSelector) -> None:
    """Watch the request pipe only while there is something to write."""
    fd = state.child.fds.get("request")
    if fd is None:
        return
    watching = fd in selector.get_map()
    if state.pending and not watching:
        selector.register(fd, selectors.EVENT_WRITE, "request")
    elif not state.pending and watching:
        selector.unregister(fd)


def _handle(state: _State, selector: selectors.BaseSelector, key: selectors.SelectorKey,
            handed_over: Callable[[], None]) -> None:
    name = key.data
    if name == "request":
        _feed(state, key.fd, handed_over)
    elif name == "exit":
        selector.unregister(key.fd)
        _kill_group(state.child.pid)  # stragglers when there is no PID namespace
        _, state.status, usage = os.wait4(state.child.pid, 0)
        state.cpu_s = usage.ru_utime + usage.ru_stime
        if not state.handed:
            raise ChildLost(f"the child died before it had the request (status {state.status})")
    elif name == "control":
        selector.unregister(key.fd)
        state.kill("service-gone")
    elif name == "result":
        if not _relay_result(state, key.fd):
            _close(state, selector, key.fd)
    elif not _relay_output(state, name, key.fd):
        _close(state, selector, key.fd)
    _update_request(state, selector)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)  # the child still exists (unreaped): pgid is ours


def _wait_until(state: _State, selector: selectors.BaseSelector, deadline: float,
                now: float) -> float:
    """When the loop must act next: at once if the child has said everything, else the clock."""
    if state.killed_for:
        return state.reap_by
    if any(key.data in ("result", *STREAM_KIND) for key in selector.get_map().values()):
        return deadline
    return now if state.protocol.finished else deadline


def supervise(child: Child, opening: list[memoryview], protocol: RunProtocol,
              timeout_s: float, caps: Caps, control_in: int, control_out: int,
              handed_over: Callable[[], None]) -> dict:
    """Run one request through ``child``; returns the ``X`` frame contents.

    ``opening`` (limits header, key, load part) is written first; ``handed_over`` is called each
    time everything sendable is in the child's pipe after it has loaded — the zygote forks its
    next spare then, while this child computes, not while it waits for its next part. Once the child has closed its output pipes after a verified
    ``DONE`` record it has said everything: it is killed (it is exiting anyway) and the summary
    says ``reaped: False`` — the caller answers first and reaps afterwards. Otherwise the exit
    status matters (a crash, ``SIGXCPU``…) and the loop waits for it, up to the clock.
    Raises :class:`TimeoutError` if the child survives ``SIGKILL`` for :data:`REAP_GRACE_S`.
    """
    state = _State(child, caps, control_out, protocol, ChildClock(child.pid))
    state.pending.extend(opening)
    state.clock.begin()
    selector = _open_selector(child, control_in)
    started = time.monotonic()
    try:
        _loop(state, selector, started + timeout_s, handed_over)
        _drain_after_exit(state, selector)
    finally:
        selector.close()
        state.clock.close()
    return _summary(state, started)


def _loop(state: _State, selector: selectors.BaseSelector, deadline: float,
          handed_over: Callable[[], None]) -> None:
    while state.status is None:
        now = time.monotonic()
        limit = _wait_until(state, selector, deadline, now)
        if now >= limit:
            if state.killed_for is not None:
                raise TimeoutError("child did not exit after SIGKILL")
            if now >= deadline:
                state.kill("timeout")
                continue
            _kill_group(state.child.pid)  # finished: it is on its way out anyway
            os.kill(state.child.pid, signal.SIGKILL)
            return
        for key, _ in selector.select(timeout=limit - now):
            _handle(state, selector, key, handed_over)


def _drain_after_exit(state: _State, selector: selectors.BaseSelector) -> None:
    """The child is gone: relay what is left in its pipes, then close them."""
    for key in list(selector.get_map().values()):
        if key.data in ("result", *STREAM_KIND):
            os.set_blocking(key.fd, False)
            relay = _relay_result if key.data == "result" else \
                (lambda s, fd, name=key.data: _relay_output(s, name, fd))
            try:
                while relay(state, key.fd):
                    pass
            except BlockingIOError:
                pass  # a straggler outside any PID namespace still holds it
            _close(state, selector, key.fd)
        elif key.data == "request":
            _close(state, selector, key.fd)
        else:
            selector.unregister(key.fd)
    if "request" in state.child.fds:
        with contextlib.suppress(OSError):
            os.close(state.child.fds.pop("request"))


def _summary(state: _State, started: float) -> dict[str, Any]:
    status = state.status
    code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None
    signum = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
    return {"exit_code": code, "signal": signum, "killed_for": state.killed_for,
            "violation": state.violation, "finished": state.protocol.finished,
            "cpu_s": state.cpu_s, "reaped": state.status is not None, "bytes": state.sent,
            "elapsed_ms": (time.monotonic() - started) * 1000}
