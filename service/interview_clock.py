"""The interview clock: how long the candidate has been interviewing, without the pauses.

Stored on the interview row: ``active_s`` (seconds counted so far) up to ``clock_at`` (when it was
last counted; None while paused or finished) and ``paused``. Time since ``clock_at`` counts while
the interview runs, but a gap with no activity longer than :data:`IDLE_CAP_S` counts only up to
the cap — a tab left open overnight is a break, not a 12-hour interview. Every turn, pause and
saved draft is activity and moves the clock forward (:func:`checkpoint`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

IDLE_CAP_S = 30 * 60


class Clocked(Protocol):
    active_s: float
    clock_at: datetime | None
    paused: bool


def elapsed(row: Clocked, now: datetime) -> float:
    """Seconds of interview so far at ``now`` (paused time and long idle gaps excluded)."""
    counted = float(row.active_s or 0.0)
    if row.clock_at is None:
        return round(counted, 1)
    until = min(now, row.clock_at + timedelta(seconds=IDLE_CAP_S))
    return round(counted + max(0.0, (until - row.clock_at).total_seconds()), 1)


def checkpoint(row: Clocked, now: datetime, *, running: bool = True) -> None:
    """Count the time up to ``now``; keep the clock running from ``now`` unless ``running`` is
    False (paused or finished)."""
    row.active_s = elapsed(row, now)
    row.clock_at = now if running else None


def pause(row: Clocked, now: datetime) -> None:
    if row.clock_at is not None:
        checkpoint(row, now, running=False)
    row.paused = True


def resume(row: Clocked, now: datetime) -> None:
    row.paused = False
    row.clock_at = now
