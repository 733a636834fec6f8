"""Practice: a history of graded attempts, a spaced-repetition queue of weak key points, browsing.

Pure domain code (no web, no database, no environment). The seam for the second half of issue 13:

* ``PracticeAttempt`` — one graded answer (entry_id, score 0–100, missed key-point indexes,
  key_points count, at, source "practice" | "interview"). Record one per Practice grade and one per
  concept answered in an interview.
* ``PracticeStore`` — the Protocol the database store implements (``add_attempt``, ``attempts``
  in time order, ``delete_history``); ``MemoryPracticeStore`` is the in-process version.
* ``review_queue(attempts, now)`` → ``list[DueEntry]`` — entries whose weak key points are due,
  most urgent first (Leitner boxes, intervals 1/3/7/16 days; see ``schedule``); ``explain(point,
  language)`` says why a point is there.
* ``EntryFilter`` + ``browse`` / ``topics`` / ``pick_random`` / ``next_to_practise`` — browse the
  bank by topic (tag), track, difficulty, kind and text; a random question; the next question
  (a due review first, else random, avoiding the last few practised).
"""

from service.practice.browse import (
    EntryFilter,
    browse,
    matches,
    next_to_practise,
    pick_random,
    topics,
)
from service.practice.models import MemoryPracticeStore, PracticeAttempt, PracticeStore
from service.practice.schedule import INTERVAL_DAYS, PASS, DueEntry, DuePoint, explain, review_queue

__all__ = [
    "INTERVAL_DAYS",
    "PASS",
    "DueEntry",
    "DuePoint",
    "EntryFilter",
    "MemoryPracticeStore",
    "PracticeAttempt",
    "PracticeStore",
    "browse",
    "explain",
    "matches",
    "next_to_practise",
    "pick_random",
    "review_queue",
    "topics",
]
