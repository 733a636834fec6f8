"""Practice records and the store the service keeps them in.

A :class:`PracticeAttempt` is one graded answer to one knowledge-base entry (in Practice, or a
concept question inside an interview): the score, which key points were missed, and when. The
schedule is *derived* from these records every time (see ``schedule``), so the store only appends,
lists and deletes: :class:`PracticeStore` is that Protocol; :class:`MemoryPracticeStore` is the
in-process implementation (tests, a single-user session). The database implementation (second
half of issue 13) keeps one row per attempt: ``user_id, entry_id, score, missed (JSON list of
key-point indexes), key_points (count), source, at (UTC)``, indexed on ``(user_id, at)``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal, Protocol

from pydantic import BaseModel, Field, field_validator


class PracticeAttempt(BaseModel):
    entry_id: str = Field(min_length=1, max_length=64)
    score: float = Field(ge=0.0, le=100.0)
    missed: list[int] = Field(default_factory=list)  # key-point indexes not made
    key_points: int = Field(default=0, ge=0)  # how many key points the entry has (0: unknown)
    at: datetime
    source: Literal["practice", "interview"] = "practice"

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    @field_validator("missed")
    @classmethod
    def _indexes(cls, value: list[int]) -> list[int]:
        return sorted({i for i in value if 0 <= i < 64})


class PracticeStore(Protocol):
    def add_attempt(self, user_id: str, attempt: PracticeAttempt) -> None: ...

    def attempts(self, user_id: str, since: datetime | None = None) -> Sequence[PracticeAttempt]:
        """The user's attempts in time order (oldest first), optionally from ``since`` on."""
        ...

    def delete_history(self, user_id: str) -> int:
        """Forget the user's practice history; returns how many attempts were deleted."""
        ...


class MemoryPracticeStore:
    """A thread-safe in-memory :class:`PracticeStore`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_user: dict[str, list[PracticeAttempt]] = {}

    def add_attempt(self, user_id: str, attempt: PracticeAttempt) -> None:
        with self._lock:
            rows = self._by_user.setdefault(user_id, [])
            rows.append(attempt)
            rows.sort(key=lambda a: a.at)

    def attempts(self, user_id: str, since: datetime | None = None) -> Sequence[PracticeAttempt]:
        with self._lock:
            rows = list(self._by_user.get(user_id, []))
        return [a for a in rows if since is None or a.at >= since]

    def delete_history(self, user_id: str) -> int:
        with self._lock:
            return len(self._by_user.pop(user_id, []))
