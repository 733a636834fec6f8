"""Browsing the question bank for practice: filters, a random question, and what to practise next.

Works on any entry with ``id, kind, tags, tracks, difficulty, question_zh, question_en`` (the
knowledge base's ``Entry``). ``topic`` matches a tag (case-insensitive, "-"/"_"/space alike);
``text`` matches the question or the tags; filters combine with AND. Randomness comes from the
caller's ``random.Random`` so the service can seed it per user and tests are deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel

from service.practice.schedule import DueEntry


class PracticeEntry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def tracks(self) -> Sequence[str]: ...
    @property
    def difficulty(self) -> str: ...
    @property
    def question_zh(self) -> str: ...
    @property
    def question_en(self) -> str: ...


E = TypeVar("E", bound=PracticeEntry)


class EntryFilter(BaseModel):
    topic: str | None = None
    track: str | None = None
    difficulty: Literal["easy", "medium", "hard"] | None = None
    kind: Literal["concept", "coding"] | None = None
    text: str | None = None


def _key(text: str) -> str:
    return text.casefold().replace("_", "-").replace(" ", "-").strip("-")


def matches(entry: PracticeEntry, filters: EntryFilter) -> bool:
    if filters.topic and _key(filters.topic) not in {_key(t) for t in entry.tags}:
        return False
    if filters.track and filters.track not in entry.tracks:
        return False
    if filters.difficulty and entry.difficulty != filters.difficulty:
        return False
    if filters.kind and entry.kind != filters.kind:
        return False
    if filters.text:
        needle = filters.text.casefold().strip()
        haystack = " ".join([entry.question_zh, entry.question_en, *entry.tags]).casefold()
        return needle in haystack
    return True


def browse(entries: Iterable[E], filters: EntryFilter) -> list[E]:
    return [e for e in entries if matches(e, filters)]


def topics(entries: Iterable[PracticeEntry]) -> list[tuple[str, int]]:
    """Tags with how many entries carry them, most common first (for a topic picker)."""
    counts: dict[str, int] = {}
    for entry in entries:
        for tag in entry.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def pick_random(entries: Iterable[E], filters: EntryFilter, rng: random.Random, *,
                avoid: Iterable[str] = ()) -> E | None:
    """A random matching entry, avoiding ``avoid`` (e.g. the last few practised) when possible."""
    pool = browse(entries, filters)
    fresh = [e for e in pool if e.id not in set(avoid)]
    choices = fresh or pool
    return rng.choice(choices) if choices else None


def next_to_practise(entries: Iterable[E], queue: Sequence[DueEntry], filters: EntryFilter,
                     rng: random.Random, *, avoid: Iterable[str] = ()) -> tuple[E | None, bool]:
    """The most urgent due review that matches the filters, else a random question.
    Returns (entry, from_review_queue)."""
    pool = browse(entries, filters)
    by_id = {e.id: e for e in pool}
    for due in queue:
        if due.entry_id in by_id:
            return by_id[due.entry_id], True
    return pick_random(pool, EntryFilter(), rng, avoid=avoid), False
