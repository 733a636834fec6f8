"""A streamed turn that does not depend on the client that asked for it.

A streamed reply (``POST /v1/interviews/{id}/messages/stream``) runs in a worker thread of its own
(:class:`TurnRunner`), not in the response generator: a slow reader cannot hold the interview's
lock longer, and a client that disconnects mid-stream does not stop the turn — it is finished and
committed all the same, exactly as a non-streamed one. The route waits until the turn is *ready*
(the interview was locked and the engine decided the reply), so an unknown id, a finished
interview or a busy one is still an ordinary HTTP error; after that, the text arrives as
``delta`` events and the committed result as ``done`` (or ``error`` if the commit failed).
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from service.observability import log_event

log = logging.getLogger("kaoda.turns")


class TurnSink(Protocol):
    """Where a turn reports progress: ``ready()`` once decided, then ``emit`` per chunk."""

    def ready(self) -> None: ...

    def emit(self, text: str, brain: str) -> None: ...


class NullSink:
    """For turns answered in one piece (nothing to stream)."""

    def ready(self) -> None:
        pass

    def emit(self, text: str, brain: str) -> None:
        pass


class TurnRun:
    """One streamed turn: ``events()`` yields ``("delta", (text, brain))`` … then
    ``("done", reply)`` or ``("error", exception)``."""

    def __init__(self, work: Callable[[TurnSink], Any]) -> None:
        self._work = work
        self._events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._ready = threading.Event()
        self._early_error: BaseException | None = None

    def ready(self) -> None:
        self._ready.set()

    def emit(self, text: str, brain: str) -> None:
        self._events.put(("delta", (text, brain)))

    def run(self) -> None:
        try:
            reply = self._work(self)
        except Exception as exc:
            if not self._ready.is_set():  # an ordinary HTTP error for the route to raise
                self._early_error = exc
                self._ready.set()
                return
            log_event(log, logging.ERROR, "streamed turn failed after it started",
                      error=f"{type(exc).__name__}: {exc}")
            self._events.put(("error", exc))
            return
        self._ready.set()
        self._events.put(("done", reply))

    def wait_ready(self) -> None:
        self._ready.wait()
        if self._early_error is not None:
            raise self._early_error

    def events(self) -> Iterator[tuple[str, Any]]:
        while True:
            kind, payload = self._events.get()
            yield kind, payload
            if kind != "delta":
                return


class TurnRunner:
    """A bounded pool of threads for streamed turns (each keeps the request's log context)."""

    def __init__(self, max_workers: int = 32) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="turn")

    def start(self, work: Callable[[TurnSink], Any]) -> TurnRun:
        run = TurnRun(work)
        self._pool.submit(contextvars.copy_context().run, run.run)
        run.wait_ready()
        return run

    def close(self) -> None:
        self._pool.shutdown(wait=True)
