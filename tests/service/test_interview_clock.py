"""The interview clock: pauses and long idle gaps do not count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from service.interview_clock import IDLE_CAP_S, checkpoint, elapsed, pause, resume

T0 = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


@dataclass
class Row:
    active_s: float = 0.0
    clock_at: datetime | None = T0
    paused: bool = False


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_running_time_counts_and_pauses_do_not() -> None:
    row = Row()
    assert elapsed(row, at(5)) == 300
    pause(row, at(5))
    assert row.paused and elapsed(row, at(60)) == 300  # an hour later, still 5 minutes
    resume(row, at(60))
    assert elapsed(row, at(62)) == 420


def test_a_long_idle_gap_counts_only_up_to_the_cap() -> None:
    row = Row()
    checkpoint(row, at(10))
    assert elapsed(row, at(10 + 24 * 60)) == 600 + IDLE_CAP_S  # a tab left open overnight
    checkpoint(row, at(10 + 24 * 60))  # the candidate comes back and answers
    assert elapsed(row, at(10 + 24 * 60 + 1)) == 600 + IDLE_CAP_S + 60


def test_a_finished_interview_stops_the_clock() -> None:
    row = Row()
    checkpoint(row, at(30), running=False)
    assert row.clock_at is None and elapsed(row, at(90)) == 1800
