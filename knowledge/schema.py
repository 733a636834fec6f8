"""The knowledge-base entry schema.

Every entry lives in one human-editable YAML file under ``knowledge/data/`` (``concepts/`` for
concept questions, ``coding/`` for hand-written-code problems). The file name (without ``.yaml``)
must equal the entry ``id``. Files are validated with this schema on load; a broken file raises
:class:`knowledge.errors.EntryValidationError` naming the file and the field.

Key points are the grading rubric: each is one short, checkable statement in both languages plus
``cues``, the words and formulas whose presence in a candidate's answer suggests the point was
made (lower-case, either language; the grader matches them after simplified/traditional and case
normalization). Follow-ups are what an interviewer presses with; ``targets`` optionally names the
key points (0-based) a follow-up probes, so a grader can ask about exactly what was missed.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Track = Literal["cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals"]
Difficulty = Literal["easy", "medium", "hard"]
Kind = Literal["concept", "coding"]

TRACKS: tuple[str, ...] = ("cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KeyPoint(_Strict):
    """One rubric point: short, checkable, bilingual."""

    zh: str = Field(min_length=2, max_length=200)
    en: str = Field(min_length=2, max_length=300)
    cues: list[str] = Field(min_length=1, max_length=24)

    @field_validator("cues")
    @classmethod
    def _cues_are_lowercase_and_nonempty(cls, cues: list[str]) -> list[str]:
        cleaned = [c.strip().lower() for c in cues]
        if any(not c for c in cleaned):
            raise ValueError("cues must not contain empty strings")
        return cleaned


class FollowUp(_Strict):
    """A question an interviewer presses with after the main question."""

    zh: str = Field(min_length=2, max_length=300)
    en: str = Field(min_length=2, max_length=400)
    targets: list[int] = Field(default_factory=list)


class Misconception(_Strict):
    """A classic wrong statement about the question (the opposite of a key point): the grader
    names it when an answer asserts it. Short, bilingual, and certainly wrong; its correction,
    when given, is what the comment offers instead."""

    zh: str = Field(min_length=4, max_length=200)
    en: str = Field(min_length=4, max_length=300)
    # The truth said the same way (a minimal pair): a correct clause lands nearer to it.
    correct_zh: str | None = Field(default=None, min_length=4, max_length=200)
    correct_en: str | None = Field(default=None, min_length=4, max_length=400)
    point: int | None = None  # the key point it gets wrong, when there is one


class Entry(_Strict):
    """One knowledge-base entry: a concept question or a coding problem."""

    id: str
    kind: Kind
    question_zh: str = Field(min_length=4, max_length=400)
    question_en: str = Field(min_length=4, max_length=500)
    aliases: list[str] = Field(min_length=3, max_length=40)
    answer_zh: str = Field(min_length=40)
    answer_en: str = Field(min_length=60)
    key_points: list[KeyPoint] = Field(min_length=3, max_length=8)
    follow_ups: list[FollowUp] = Field(min_length=2, max_length=5)
    tags: list[str] = Field(min_length=1)
    tracks: list[Track] = Field(min_length=1)
    difficulty: Difficulty
    problem_id: str | None = None
    misconceptions: list[Misconception] = Field(default_factory=list, max_length=8)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"id {value!r} must match {ID_PATTERN.pattern}")
        return value

    @model_validator(mode="after")
    def _coding_entries_point_to_a_problem(self) -> Entry:
        if self.kind == "coding" and not self.problem_id:
            raise ValueError("coding entries must set problem_id")
        if self.kind == "concept" and self.problem_id:
            raise ValueError("concept entries must not set problem_id")
        for i, follow_up in enumerate(self.follow_ups):
            bad = [t for t in follow_up.targets if not 0 <= t < len(self.key_points)]
            if bad:
                raise ValueError(f"follow_ups[{i}].targets {bad} point past key_points")
        for i, wrong in enumerate(self.misconceptions):
            if wrong.point is not None and not 0 <= wrong.point < len(self.key_points):
                raise ValueError(f"misconceptions[{i}].point {wrong.point} points past key_points")
        return self

    def question(self, language: str) -> str:
        return self.question_zh if language == "zh" else self.question_en

    def answer(self, language: str) -> str:
        return self.answer_zh if language == "zh" else self.answer_en
