"""The result of grading one spoken answer against an entry's rubric.

:class:`AnswerGrade` is what the interview flow and the UI consume: a 0–100 score, one
:class:`KeyPointResult` per rubric key point (hit or not, how strongly, and the candidate's own
words that support it), the hit/missed index lists (``missed`` is what follow-up questions press
on), the wrong statements found (each quoting the answer), vagueness and off-topic flags with
reasons, and short bilingual feedback derived from all of that. ``method`` records which judge
produced it.

A grade is *self-consistent by construction* — the validator refuses any other:

* ``hit`` and ``missed`` are sorted, disjoint and together cover every key point, and each
  ``KeyPointResult.hit`` agrees with them;
* a ticked key point carries ``evidence``: a span of the answer, never the grader's words;
* a non-answer (``non_answer`` set) scores 0 and ticks nothing.

Judges therefore build grades through the constructor (``model_validate``), never
``model_copy(update=…)``, which would skip these checks.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class KeyPointResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    text_zh: str
    text_en: str
    hit: bool
    strength: float = Field(ge=0.0, le=1.0)
    evidence: str | None = None  # the candidate's own words (a span of the answer)


class WrongStatement(BaseModel):
    """A statement in the answer that the reference contradicts."""

    model_config = ConfigDict(frozen=True)

    quote: str  # the answer's own words
    reason: str  # what the check found (English, for logs and the review page)
    point: int | None = None  # the key point it gets wrong, when known
    correct_zh: str | None = None  # what is true instead, when the bank says
    correct_en: str | None = None


class AnswerGrade(BaseModel):
    model_config = ConfigDict(frozen=True)

    score: int = Field(ge=0, le=100)
    key_points: list[KeyPointResult]
    hit: list[int]
    missed: list[int]
    vague: bool
    vague_reasons: list[str]
    off_topic: bool
    contradictions: list[str] = Field(default_factory=list)
    wrong_statements: list[WrongStatement] = Field(default_factory=list)
    non_answer: str | None = None  # why the answer is no answer at all ("says it does not know")
    injection: bool = False
    feedback_zh: str
    feedback_en: str
    method: Literal["rubric", "llm"] = "rubric"

    @model_validator(mode="after")
    def _consistent(self) -> AnswerGrade:
        n = len(self.key_points)
        if [kp.index for kp in self.key_points] != list(range(n)):
            raise ValueError("key_points must be indexed 0..n-1 in order")
        if self.hit != sorted(set(self.hit)) or self.missed != sorted(set(self.missed)):
            raise ValueError("hit and missed must be sorted and free of repeats")
        if set(self.hit) & set(self.missed) or set(self.hit) | set(self.missed) != set(range(n)):
            raise ValueError("hit and missed must partition the key points")
        if any(kp.hit != (kp.index in self.hit) for kp in self.key_points):
            raise ValueError("each key point's hit flag must agree with the hit list")
        if any(kp.hit and not (kp.evidence or "").strip() for kp in self.key_points):
            raise ValueError("a ticked key point needs evidence from the answer")
        if self.non_answer is not None and (self.score or self.hit):
            raise ValueError("a non-answer scores 0 and ticks nothing")
        return self
