"""The result of grading one spoken answer against an entry's rubric.

:class:`AnswerGrade` is what the interview flow and the UI consume: a 0–100 score, one
:class:`KeyPointResult` per rubric key point (hit or not, how strongly, and the candidate's own
sentence that supports it), the hit/missed index lists (``missed`` is what follow-up questions
should press on), vagueness and off-topic flags with reasons, and short bilingual feedback.
``method`` records which grader produced it so a later LLM grader can share the shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class KeyPointResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    text_zh: str
    text_en: str
    hit: bool
    strength: float = Field(ge=0.0, le=1.0)
    evidence: str | None = None


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
    injection: bool = False
    feedback_zh: str
    feedback_en: str
    method: Literal["rubric", "llm"] = "rubric"
