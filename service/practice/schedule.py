"""Spaced repetition of weak key points: Leitner boxes replayed from the practice history.

Every key point a candidate *missed* becomes a review item (entry id, key-point index) in box 1,
due one day later. Each time the entry is answered again:

* the point is missed again → back to box 1, due in 1 day;
* the point is made and the item was due → one box up, due after that box's interval
  (1, 3, 7, 16 days); made after box 4 → mastered, out of the queue;
* the point is made before it was due → nothing changes (cramming does not count).

Entries graded without key points (coding problems; ``key_points == 0`` and nothing missed) use
one entry-level item (``point`` None), weak while the score is below ``PASS``. Record
``key_points`` for key-point graded attempts, so a perfect answer promotes its weak points. The schedule is recomputed from the attempts each time, so
it needs no stored state and is easy to explain ("missed on 3 Dec, second review, every 3 days").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from service.practice.models import PracticeAttempt

PASS = 75.0  # an entry-level item is weak below this score
INTERVAL_DAYS = {1: 1, 2: 3, 3: 7, 4: 16}
MASTERED = max(INTERVAL_DAYS) + 1


@dataclass
class _Item:
    entry_id: str
    point: int | None
    box: int = 1
    due: datetime = field(default_factory=datetime.now)
    misses: int = 0
    last_missed: datetime | None = None
    reviews: int = 0


class DuePoint(BaseModel):
    point: int | None  # key-point index; None for an entry-level item
    box: int
    due: datetime
    misses: int
    last_missed: datetime | None = None


class DueEntry(BaseModel):
    """One entry to review, with its weak points; ``due`` is the earliest of them."""

    entry_id: str
    due: datetime
    box: int  # the lowest box among its points (1 = just missed)
    overdue_days: float
    last_score: float | None = None
    points: list[DuePoint] = Field(default_factory=list)


def _miss(item: _Item, at: datetime) -> None:
    item.box, item.due = 1, at + timedelta(days=INTERVAL_DAYS[1])
    item.misses += 1
    item.last_missed = at


def _made(item: _Item, at: datetime) -> None:
    if at < item.due:
        return
    item.box += 1
    item.reviews += 1
    if item.box < MASTERED:
        item.due = at + timedelta(days=INTERVAL_DAYS[item.box])


def _replay(attempts: Iterable[PracticeAttempt]) -> tuple[dict[tuple[str, int | None], _Item],
                                                          dict[str, float]]:
    items: dict[tuple[str, int | None], _Item] = {}
    last_score: dict[str, float] = {}
    for attempt in sorted(attempts, key=lambda a: a.at):
        entry, at = attempt.entry_id, attempt.at
        last_score[entry] = attempt.score
        missed = set(attempt.missed)
        for index in missed:
            _miss(items.setdefault((entry, index), _Item(entry, index, due=at)), at)
        by_points = bool(missed) or attempt.key_points > 0
        for (item_entry, point), item in items.items():
            if by_points and item_entry == entry and point is not None and point not in missed:
                _made(item, at)
        if not by_points:
            key = (entry, None)
            if attempt.score < PASS:
                _miss(items.setdefault(key, _Item(entry, None, due=at)), at)
            elif key in items:
                _made(items[key], at)
    live = {k: v for k, v in items.items() if v.box < MASTERED}
    return live, last_score


def review_queue(attempts: Iterable[PracticeAttempt], now: datetime, *,
                 include_upcoming: bool = False) -> list[DueEntry]:
    """Entries with weak points due at ``now`` (or all weak entries with ``include_upcoming``),
    most urgent first: lowest box, then most overdue, then lowest last score."""
    items, last_score = _replay(attempts)
    by_entry: dict[str, list[_Item]] = {}
    for item in items.values():
        if include_upcoming or item.due <= now:
            by_entry.setdefault(item.entry_id, []).append(item)
    queue = []
    for entry_id, weak in by_entry.items():
        due = min(i.due for i in weak)
        queue.append(DueEntry(
            entry_id=entry_id, due=due, box=min(i.box for i in weak),
            overdue_days=round((now - due).total_seconds() / 86400, 2),
            last_score=last_score.get(entry_id),
            points=[DuePoint(point=i.point, box=i.box, due=i.due, misses=i.misses,
                             last_missed=i.last_missed)
                    for i in sorted(weak, key=lambda i: (i.point is None, i.point or 0))]))
    return sorted(queue, key=lambda d: (d.box, -d.overdue_days, d.last_score or 0.0))


def explain(point: DuePoint, language: str) -> str:
    """Why this point is in the queue, in words: "12月3日漏掉了这个要点（共 2 次）；第 2 轮复习，间隔 3 天"."""
    days = INTERVAL_DAYS.get(point.box, INTERVAL_DAYS[max(INTERVAL_DAYS)])
    when = point.last_missed
    if language == "zh":
        missed = f"{when.month}月{when.day}日漏掉了这个要点" if when else "之前没答好"
        return f"{missed}（共 {point.misses} 次）；第 {point.box} 轮复习，间隔 {days} 天"
    missed = f"missed on {when:%d %b}" if when else "not answered well before"
    return f"{missed} ({point.misses}×); review round {point.box}, every {days} day" + \
        ("s" if days != 1 else "")
