"""The zygote's side of one submission: feed the request, relay output, enforce the clock.

:func:`supervise` runs a single ``selectors`` loop over the child's request pipe (written
without blocking, so a large request cannot deadlock against a chatty child), its result, stdout
and stderr pipes (relayed to the pool as ``R``/``O``/``E`` frames as they arrive), its pidfd
(readable once it has exited) and the pool's control pipe (EOF there means the service is gone).

Limits enforced here, each with ``SIGKILL`` to the child — PID 1 of its namespace, so the kernel
kills every process the candidate created, double-forked orphans included:

* wall clock: ``timeout_s`` after the request was handed over;
* output: stdout/stderr beyond ``output_cap`` bytes are dropped, beyond ``output_hard_cap`` the
  run is stopped; results beyond ``result_cap`` likewise stop it (outcome ``output_limit``).

The loop reads into one reusable buffer and zeroes it after every chunk, and the request buffer
is zeroed as soon as it has been handed over — before the next spare child is forked — so no
child ever inherits another submission's code, inputs or output.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evaluators import wire
from evaluators.sandbox import channel

CHUNK = 64 * 1024
REAP_GRACE_S = 5.0
DONE = wire.encode({"event": "done"})  # how a finished harness's result stream ends
STREAM_KIND = {"result": b"R", "stdout": b"O", "stderr": b"E"}


class ChildLost(RuntimeError):
    """The child died before it had the whole request: not the submission's doing, retry."""


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
    sent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STREAM_KIND, 0))
    status: int | None = None
    killed_for: str | None = None
    reap_by: float = 0.0
    cpu_s: float = 0.0
    finished: bool = False
    buffer: bytearray = field(default_factory=lambda: bytearray(CHUNK))

    def kill(self, reason: str) -> None:
        if self.killed_for is None and self.status is None:
            self.killed_for = reason
            self.reap_by = time.monotonic() + REAP_GRACE_S
            os.kill(self.child.pid, signal.SIGKILL)


def _relay(state: _State, name: str, fd: int) -> bool:
    """Forward one chunk of ``name``; False at EOF."""
    view = memoryview(state.buffer)
    got = os.readv(fd, [view])
    if got == 0:
        return False
    before = state.sent[name]
    state.sent[name] = before + got
    limit = state.caps.result_cap if name == "result" else state.caps.output_cap
    keep = max(0, min(got, limit - before))
    if keep:
        channel.send_frame(state.control_out, STREAM_KIND[name], view[:keep])
    if name == "result":  # the done event is one atomic pipe write, so it arrives whole
        state.finished = got >= len(DONE) and view[got - len(DONE):got] == DONE
    hard = state.caps.result_cap if name == "result" else state.caps.output_hard_cap
    if state.sent[name] > hard:
        state.kill(f"output_limit:{name}")
    view[:got] = bytes(got)
    return True


def _feed(state: _State, pending: memoryview, fd: int) -> memoryview:
    try:
        return pending[os.write(fd, pending):]
    except BlockingIOError:
        return pending
    except BrokenPipeError as exc:
        raise ChildLost("the child closed its request pipe before reading it") from exc


def _open_selector(child: Child, control_in: int) -> selectors.DefaultSelector:
    selector = selectors.DefaultSelector()
    for name in STREAM_KIND:
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


def _handle(state: _State, selector: selectors.BaseSelector, key: selectors.SelectorKey,
            pending: memoryview, handed_over: Callable[[], None]) -> memoryview:
    name = key.data
    if name == "request":
        pending = _feed(state, pending, key.fd)
        if not pending:
            _close(state, selector, key.fd)
            handed_over()
    elif name == "exit":
        selector.unregister(key.fd)
        _kill_group(state.child.pid)  # stragglers when there is no PID namespace
        _, state.status, usage = os.wait4(state.child.pid, 0)
        state.cpu_s = usage.ru_utime + usage.ru_stime
        if pending:
            raise ChildLost(f"the child died before it had the request (status {state.status})")
    elif name == "control":
        selector.unregister(key.fd)
        state.kill("service-gone")
    elif not _relay(state, name, key.fd):
        _close(state, selector, key.fd)
    return pending


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)  # the child still exists (unreaped): pgid is ours


def _wait_until(state: _State, selector: selectors.BaseSelector, deadline: float,
                now: float) -> float:
    """When the loop must act next: at once if the child has said everything, else the clock."""
    if state.killed_for:
        return state.reap_by
    if any(key.data in STREAM_KIND for key in selector.get_map().values()):
        return deadline
    return now if state.finished else deadline


def supervise(child: Child, request: memoryview, timeout_s: float, caps: Caps,
              control_in: int, control_out: int, handed_over: Callable[[], None]) -> dict:
    """Run one request through ``child``; returns the ``X`` frame contents.

    ``handed_over`` is called once the whole request is in the child's pipe (the zygote then
    wipes its copy and forks the next spare). Once the child has closed all three output pipes
    and its result stream ends with the harness's ``done`` event (compared as bytes, never
    parsed), it has said everything: it is killed (it is exiting anyway) and the summary says
    ``reaped: False`` — the caller answers first and reaps afterwards, so the child's teardown
    (address space, namespaces: several ms) is not on the request's critical path. Otherwise the
    exit status matters (a crash, ``SIGXCPU``…) and the loop waits for it, up to the clock.
    Raises :class:`TimeoutError` if the child survives ``SIGKILL`` for :data:`REAP_GRACE_S`.
    """
    state = _State(child, caps, control_out)
    selector = _open_selector(child, control_in)
    started = time.monotonic()
    deadline = started + timeout_s
    try:
        _loop(state, selector, request, deadline, handed_over)
        _drain_after_exit(state, selector)
    finally:
        selector.close()
    return _summary(state, started)


def _loop(state: _State, selector: selectors.BaseSelector, request: memoryview,
          deadline: float, handed_over: Callable[[], None]) -> None:
    pending = request
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
            pending = _handle(state, selector, key, pending, handed_over)


def _drain_after_exit(state: _State, selector: selectors.BaseSelector) -> None:
    """The child is gone: relay what is left in its pipes, then close them."""
    for key in list(selector.get_map().values()):
        if key.data in STREAM_KIND:
            os.set_blocking(key.fd, False)
            try:
                while _relay(state, key.data, key.fd):
                    pass
            except BlockingIOError:
                pass  # a straggler outside any PID namespace still holds it
            _close(state, selector, key.fd)
        elif key.data == "request":
            _close(state, selector, key.fd)
        else:
            selector.unregister(key.fd)


def _summary(state: _State, started: float) -> dict[str, Any]:
    status = state.status
    code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None
    signum = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
    return {"exit_code": code,
            "signal": signum, "killed_for": state.killed_for, "cpu_s": state.cpu_s,
            "reaped": state.status is not None,
            "bytes": state.sent, "elapsed_ms": (time.monotonic() - started) * 1000}

