"""The report as a document: one content model, rendered to Markdown and to PDF.

Everything here is already in the reader's language and free of internal codes: titles instead of
entry ids, stage and point names instead of keys, grades as words. The candidate's own text is
kept exactly as written (renderers escape it, never interpret it). Scores are 0–100 or None
(stage not reached).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from evaluators.result import TestResult as TestRow  # one test of the final submission


class Score(BaseModel):
    label: str
    value: float | None = None


class KeyPoint(BaseModel):
    text: str
    evidence: str | None = None  # the candidate's sentence that made the point


class Exchange(BaseModel):
    """One interviewer question and the candidate's answer (None: not answered)."""

    question: str
    answer: str | None = None
    label: str | None = None  # "追问", a drilling point name…
    note: str | None = None  # shown instead of "no answer", e.g. "submitted code: failed (0)"


class IntroSection(BaseModel):
    answer: str | None = None
    score: float | None = None


class PrepItem(BaseModel):
    label: str  # "[数据] 数据规模"
    ask: str | None = None  # the question an interviewer will ask


class Preparation(BaseModel):
    """The per-project preparation sheet; every list may be empty (the engine had nothing)."""

    missing: list[PrepItem] = Field(default_factory=list)
    techniques: list[PrepItem] = Field(default_factory=list)
    statements: list[PrepItem] = Field(default_factory=list)
    contradictions: list[str] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.missing or self.techniques or self.statements or self.contradictions)


class ProjectSection(BaseModel):
    name: str
    score: float | None = None
    points: list[Score] = Field(default_factory=list)  # per drilled point
    exchanges: list[Exchange] = Field(default_factory=list)
    pressed_for: list[str] = Field(default_factory=list)  # why answers were pressed, in words
    preparation: Preparation = Field(default_factory=Preparation)


class ConceptSection(BaseModel):
    title: str  # short title of the entry
    question: str
    exchanges: list[Exchange] = Field(default_factory=list)
    score: float | None = None
    grade: str = ""
    feedback: str | None = None
    hit: list[KeyPoint] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    reference: str | None = None


class CodingSection(BaseModel):
    title: str
    status: str  # "通过" / "failed"… in words
    passed: bool
    best_score: float | None = None  # 0–100
    attempts: int = 0
    code: str | None = None
    tests: list[TestRow] = Field(default_factory=list)
    discussion: list[Exchange] = Field(default_factory=list)
    approach: list[str] = Field(default_factory=list)  # what the explanation stated, in words


class AskedQuestion(BaseModel):
    question: str
    reply: str | None = None
    impression: str = ""  # in words
    tone: Literal["good", "neutral", "poor"] = "neutral"
    note: str = ""
    better: str | None = None


class QuestionsSection(BaseModel):
    items: list[AskedQuestion] = Field(default_factory=list)
    overall: str = ""
    suggestions: list[str] = Field(default_factory=list)


class StudyItem(BaseModel):
    title: str
    score: float | None = None
    missed: list[str] = Field(default_factory=list)


class ReportDocument(BaseModel):
    language: Literal["zh", "en"]
    title: str
    track: str  # the track's name in the report's language
    date: str  # "2026年12月5日 09:46"
    length: str | None = None
    notice: str | None = None  # ended early / still running
    overall: float | None = None
    stages: list[Score] = Field(default_factory=list)
    topics: list[Score] = Field(default_factory=list)  # per concept question, by short title
    strengths: list[Score] = Field(default_factory=list)
    study: list[StudyItem] = Field(default_factory=list)
    intro: IntroSection | None = None
    projects: list[ProjectSection] = Field(default_factory=list)
    concepts: list[ConceptSection] = Field(default_factory=list)
    coding: CodingSection | None = None
    questions: QuestionsSection | None = None
