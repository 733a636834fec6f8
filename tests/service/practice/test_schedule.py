"""Practice: missed key points come back spaced over days (Leitner), browsing and random picks
filter the real knowledge base, and the in-memory store honours the store Protocol."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

import pytest

from knowledge.loader import load_entries
from service.practice import (
    EntryFilter,
    MemoryPracticeStore,
    PracticeAttempt,
    PracticeStore,
    browse,
    explain,
    next_to_practise,
    pick_random,
    review_queue,
    topics,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ENTRIES = load_entries()


def _at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def _attempt(entry: str, day: float, missed: list[int], score: float = 50.0,
             key_points: int = 5) -> PracticeAttempt:
    return PracticeAttempt(entry_id=entry, score=score, missed=missed, key_points=key_points,
                           at=_at(day))


def test_a_missed_point_is_due_the_next_day_not_the_same_day() -> None:
    history = [_attempt("attention-mechanism", 0, [2, 4])]
    assert review_queue(history, _at(0.5)) == []
    (due,) = review_queue(history, _at(1.01))
    assert due.entry_id == "attention-mechanism" and [p.point for p in due.points] == [2, 4]
    assert due.box == 1 and due.last_score == 50.0


def test_boxes_climb_only_when_reviewed_on_time_and_reset_on_a_miss() -> None:
    history = [_attempt("lora", 0, [1])]
    history.append(_attempt("lora", 0.5, [], score=95))  # early: cramming does not count
    assert review_queue(history, _at(1.1))[0].points[0].box == 1
    history.append(_attempt("lora", 1.2, [], score=95))  # on time → box 2, next in 3 days
    assert review_queue(history, _at(3)) == []
    (due,) = review_queue(history, _at(4.3))
    assert due.points[0].box == 2
    history.append(_attempt("lora", 4.3, [1]))  # missed again → back to box 1
    (due,) = review_queue(history, _at(5.4))
    assert due.points[0].box == 1 and due.points[0].misses == 2


def test_a_point_is_mastered_after_four_on_time_reviews() -> None:
    history = [_attempt("dropout", 0, [0])]
    day = 0.0
    for interval in (1, 3, 7, 16):
        day += interval
        assert review_queue(history, _at(day - 0.01)) == []
        assert review_queue(history, _at(day))
        history.append(_attempt("dropout", day, [], score=90))
    assert review_queue(history, _at(day + 100), include_upcoming=True) == []


def test_coding_problems_use_the_score() -> None:
    history = [_attempt("nms", 0, [], score=40, key_points=0)]
    (due,) = review_queue(history, _at(1))
    assert due.points[0].point is None
    history.append(_attempt("nms", 1, [], score=100, key_points=0))
    assert review_queue(history, _at(2)) == []
    assert review_queue(history, _at(2), include_upcoming=True)[0].points[0].box == 2


def test_most_urgent_first() -> None:
    history = [_attempt("a-entry", 0, [0], score=70), _attempt("b-entry", 2, [1], score=20),
               _attempt("c-entry", 0, [0]), _attempt("c-entry", 1, [], score=90)]
    queue = review_queue(history, _at(6))
    assert [d.entry_id for d in queue] == ["a-entry", "b-entry", "c-entry"]
    assert queue[0].overdue_days > queue[1].overdue_days and queue[2].box == 2


def test_explanations_in_both_languages() -> None:
    (due,) = review_queue([_attempt("lora", 0, [3])], _at(2))
    assert explain(due.points[0], "zh") == "12月1日漏掉了这个要点（共 1 次）；第 1 轮复习，间隔 1 天"
    assert explain(due.points[0], "en") == "missed on 01 Dec (1×); review round 1, every 1 day"


def test_attempt_validation() -> None:
    naive = PracticeAttempt(entry_id="x1", score=10, missed=[3, 3, -1, 99, 1], at=datetime(2026, 1, 1))
    assert naive.at.tzinfo is UTC and naive.missed == [1, 3]
    with pytest.raises(ValueError):
        PracticeAttempt(entry_id="x1", score=101, at=T0)


def test_memory_store_keeps_time_order_per_user_and_deletes() -> None:
    store: PracticeStore = MemoryPracticeStore()
    threads = [threading.Thread(target=store.add_attempt,
                                args=("u1", _attempt("lora", day, [0])))
               for day in (3, 1, 2, 0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.add_attempt("u2", _attempt("lora", 5, []))
    assert [a.at for a in store.attempts("u1")] == [_at(d) for d in (0, 1, 2, 3)]
    assert len(store.attempts("u1", since=_at(2))) == 2
    assert store.delete_history("u1") == 4 and store.attempts("u1") == []
    assert len(store.attempts("u2")) == 1


def test_browse_filters_on_the_real_knowledge_base() -> None:
    hard_llm = browse(ENTRIES, EntryFilter(track="llm-algorithm", difficulty="hard"))
    assert hard_llm and all(e.difficulty == "hard" and "llm-algorithm" in e.tracks for e in hard_llm)
    coding = browse(ENTRIES, EntryFilter(kind="coding", topic="ATTENTION"))
    assert coding and all(e.kind == "coding" and "attention" in e.tags for e in coding)
    assert browse(ENTRIES, EntryFilter(text="LoRA"))
    assert browse(ENTRIES, EntryFilter(topic="no-such-topic")) == []
    counts = dict(topics(ENTRIES))
    assert counts["attention"] >= 3


def test_random_pick_is_seeded_filtered_and_avoids_recent() -> None:
    filters = EntryFilter(track="cv-intern", kind="concept")
    first = pick_random(ENTRIES, filters, random.Random(1))
    assert first is not None and first == pick_random(ENTRIES, filters, random.Random(1))
    pool = browse(ENTRIES, filters)
    recent = {e.id for e in pool[:-1]}
    assert pick_random(ENTRIES, filters, random.Random(2), avoid=recent) == pool[-1]
    assert pick_random(ENTRIES, EntryFilter(topic="nothing"), random.Random(0)) is None


def test_next_to_practise_prefers_due_reviews() -> None:
    entry = next(e for e in ENTRIES if e.kind == "concept")
    queue = review_queue([_attempt(entry.id, 0, [0])], _at(1))
    chosen, from_queue = next_to_practise(ENTRIES, queue, EntryFilter(), random.Random(0))
    assert chosen == entry and from_queue
    other_track = next(t for t in ("cv-intern", "llm-algorithm", "research-scientist",
                                   "ml-fundamentals") if t not in entry.tracks)
    chosen, from_queue = next_to_practise(ENTRIES, queue, EntryFilter(track=other_track),
                                          random.Random(0))
    assert chosen is not None and not from_queue and other_track in chosen.tracks
