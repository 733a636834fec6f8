"""Fair sharing of the sandbox between clients: per-client running and queued limits.

A code submission holds a sandbox worker for as long as it runs — up to its problem's time limit
(10–60 s). Without admission control one client could keep every worker busy with sleepers and
everyone else would wait behind them. :class:`Admission` hands out *slots*, at most one per
sandbox worker, with three rules:

* a client runs at most ``per_client_running`` submissions at once (default: half the workers,
  at least one) — so with two workers one flooding client never holds both;
* it may have at most ``per_client_queued`` more waiting; beyond that the request is refused at
  once with :class:`Busy` (HTTP 429 with ``Retry-After``) instead of piling up;
* when a slot frees, it goes to the waiting client with the fewest submissions running, then
  the fewest served since it last went idle, then the one that has waited longest — round
  robin, so a client's first submission overtakes another client's fifth.

Waiting is asynchronous (the event loop keeps serving ``/healthz`` and everything else); a
request that waits longer than ``max_wait_s`` gets :class:`Busy` too, never a 500, and a client
that disconnects while waiting simply leaves the queue. Grading itself runs in a bounded thread
pool (:attr:`Admission.executor`), not in the server's shared worker threads.

The client's identity is a pluggable function of the request (:func:`client_address` by default;
the accounts work plugs the user id in): set ``app.state.client_key``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.requests import Request

T = TypeVar("T")
ClientKey = Callable[[Request], str]


class Busy(Exception):
    """The sandbox is busy for this client; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


def client_address(request: Request) -> str:
    """The default client identity: the peer's address (no proxy header is trusted)."""
    return request.client.host if request.client else "unknown"


@dataclass
class _Waiter:
    client: str
    order: int
    future: asyncio.Future[None]


@dataclass
class _Stats:
    """Recent run times, to say how long to wait in ``Retry-After``."""

    seconds: collections.deque[float] = field(
        default_factory=lambda: collections.deque([5.0], maxlen=50))

    def typical(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[len(ordered) // 2]


class Admission:
    """Slots for sandbox runs, shared fairly between clients (see the module doc)."""

    def __init__(self, capacity: int, per_client_running: int | None = None,
                 per_client_queued: int = 4, max_wait_s: float = 60.0) -> None:
        self.capacity = max(1, capacity)
        self.per_client_running = per_client_running or max(1, self.capacity // 2)
        self.per_client_queued = per_client_queued
        self.max_wait_s = max_wait_s
        self.executor = ThreadPoolExecutor(max_workers=self.capacity,
                                           thread_name_prefix="kaoda-grade")
        self._running: collections.Counter[str] = collections.Counter()
        self._served: collections.Counter[str] = collections.Counter()
        self._waiting: list[_Waiter] = []
        self._order = itertools.count()
        self._stats = _Stats()

    # -- state --------------------------------------------------------------------------------
    @property
    def running(self) -> int:
        return sum(self._running.values())

    def snapshot(self) -> dict[str, Any]:
        """For readiness checks and benchmarks (no lock needed: event-loop only)."""
        return {"capacity": self.capacity, "running": self.running,
                "waiting": len(self._waiting), "clients": len(+self._running)}

    def _queued(self, client: str) -> int:
        return sum(1 for w in self._waiting if w.client == client)

    def _retry_after(self, client: str) -> int:
        ahead = self._queued(client) + self._running[client] + 1
        return int(self._stats.typical() * ahead / self.per_client_running) + 1

    # -- scheduling ---------------------------------------------------------------------------
    def _grant(self) -> None:
        """Give free slots to the fairest eligible waiters."""
        while self.running < self.capacity:
            eligible = [w for w in self._waiting
                        if self._running[w.client] < self.per_client_running
                        and not w.future.done()]
            if not eligible:
                return
            chosen = min(eligible, key=lambda w: (self._running[w.client],
                                                  self._served[w.client], w.order))
            self._waiting.remove(chosen)
            self._running[chosen.client] += 1
            self._served[chosen.client] += 1
            chosen.future.set_result(None)

    def _forget_if_idle(self, client: str) -> None:
        if not self._running[client] and not self._queued(client):
            self._running.pop(client, None)
            self._served.pop(client, None)

    def _release(self, client: str, started: float) -> None:
        self._running[client] -= 1
        self._forget_if_idle(client)
        self._stats.seconds.append(time.monotonic() - started)
        self._grant()

    @contextlib.asynccontextmanager
    async def slot(self, client: str) -> AsyncIterator[None]:
        """Hold one sandbox slot for ``client`` (waits fairly; :class:`Busy` when refused)."""
        if self._queued(client) >= self.per_client_queued and \
                self._running[client] >= self.per_client_running:
            raise Busy(f"too many code submissions in progress from this client (at most "
                       f"{self.per_client_running} running and {self.per_client_queued} "
                       "waiting); wait for them to finish", self._retry_after(client))
        waiter = _Waiter(client, next(self._order), asyncio.get_running_loop().create_future())
        self._waiting.append(waiter)
        self._grant()
        try:
            await asyncio.wait_for(asyncio.shield(waiter.future), timeout=self.max_wait_s)
        except (TimeoutError, asyncio.CancelledError) as exc:
            if waiter.future.done() and not waiter.future.cancelled():
                self._release(client, time.monotonic())  # granted just as we gave up
            else:
                waiter.future.cancel()
                with contextlib.suppress(ValueError):
                    self._waiting.remove(waiter)
                self._forget_if_idle(client)
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise Busy("the code sandbox is busy; try again shortly",
                       self._retry_after(client)) from None
        started = time.monotonic()
        try:
            yield
        finally:
            self._release(client, started)

    async def run(self, client: str, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in the grading pool while holding a slot for ``client``.

        If the client goes away meanwhile, the slot is kept until the run really ends (the
        sandbox worker is busy until then).
        """
        async with self.slot(client):
            future = asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)
            try:
                return await asyncio.shield(future)
            except asyncio.CancelledError:
                with contextlib.suppress(BaseException):
                    await future
                raise

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
