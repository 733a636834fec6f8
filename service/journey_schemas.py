"""API models of the candidate's journey around the interview (continues :mod:`service.schemas`):
the limits the UI shows before sending, code drafts, and Practice — browsing the bank by topic,
track and difficulty, a random or next question, the history and the review queue.

Everything a page shows is here in both languages (``*_zh`` / ``*_en``): titles instead of ids,
topic names instead of tags, and why a question is due, in words.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from service.schemas import MAX_ANSWER_CHARS, MAX_MESSAGE_CHARS, CodeResult, _code_field, _Request


class Limits(BaseModel):
    """The service's input limits (the single source of truth the UI shows before sending)."""

    message_chars: int = MAX_MESSAGE_CHARS
    answer_chars: int = MAX_ANSWER_CHARS
    code_bytes: int
    resume_bytes: int
    idle_cap_s: int = Field(description="an interview's clock counts at most this long without "
                            "activity")


class DraftIn(_Request):
    code: str = _code_field()


class DraftOut(BaseModel):
    problem_id: str
    code: str | None = Field(None, description="None: no draft saved yet")
    updated_at: datetime | None = None


class Topic(BaseModel):
    key: str
    name_zh: str
    name_en: str
    count: int


class PracticeQuestion(BaseModel):
    id: str
    kind: Literal["concept", "coding"]
    title_zh: str
    title_en: str
    question_zh: str
    question_en: str
    difficulty: str
    tracks: list[str]
    topics: list[str] = Field(default_factory=list, description="topic keys (GET "
                              "/v1/practice/topics names them)")


class PickedQuestion(PracticeQuestion):
    from_review: bool = Field(False, description="chosen because a weak key point is due")


class DuePointOut(BaseModel):
    index: int | None
    text_zh: str
    text_en: str
    why_zh: str
    why_en: str


class ReviewItem(PracticeQuestion):
    due: datetime
    box: int = Field(description="Leitner box: 1 = just missed; the gap grows 1, 3, 7, 16 days")
    overdue_days: float
    last_score: float | None
    points: list[DuePointOut]


class HistoryItem(BaseModel):
    id: str
    entry_id: str
    kind: str
    source: Literal["practice", "interview"]
    title_zh: str
    title_en: str
    score: float | None
    created_at: datetime
    interview_id: str | None = None


class CodeAttemptGraded(BaseModel):
    """A graded, recorded practice submission of a coding problem."""

    id: str
    problem_id: str
    result: CodeResult

