"""What the API accepts and returns: one pydantic model per request body and per response.

These models are the service's public contract (and its OpenAPI document). Routes return them,
the UI reads them, and nothing else of the engine's persisted state leaves the service.

What outside clients rely on is typed here: an interview's ``stage`` and ``turns``; each turn's
``seq``, ``role``, ``stage``, ``content``, ``grade`` (``score``, ``key_points``); an interviewer
turn's ``directive`` (``kind``, ``point``, ``depth``, ``project_name``, ``entry_id``,
``problem_id``); a reply's ``message``, ``stage`` and ``finished``. Nested engine data (grade
details, directive extras, code-result details) is open (``extra="allow"``), so that the engine
can grow new fields without breaking this contract.

Request bodies are strict (``seed: false`` is not a number) and closed (unknown fields are
refused), so a typo is an error instead of silently ignored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

from knowledge.schema import KeyPoint
from service.evaluator_text import to_chinese
from service.resume.models import ProjectClaim, ResumeProfile

Track = Literal["cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals"]
Language = Literal["zh", "en"]
Length = Literal["short", "standard", "full"]
AuthMode = Literal["local", "accounts"]
MAX_MESSAGE_CHARS = 8000
MAX_ANSWER_CHARS = 8000
USERNAME_PATTERN = r"^[A-Za-z0-9_.\-]{3,32}$"


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# ---- errors ----------------------------------------------------------------------------------
class ErrorBody(BaseModel):
    """Every error response: ``detail`` (English), ``error`` (a stable name), maybe more."""

    detail: str
    error: str
    detail_zh: str | None = None
    code: str | None = None
    errors: list[dict[str, Any]] | None = Field(None, description="validation errors")
    retry_after_s: int | None = Field(None, description="busy: seconds to wait (also the "
                                      "Retry-After header)")


# ---- health ----------------------------------------------------------------------------------
class Health(BaseModel):
    status: Literal["ok"]


class Readiness(_Open):
    status: Literal["ready", "starting"]
    index_loaded: bool
    model: str | None
    entries: int
    problems: int
    sandbox: dict[str, Any]
    brain: str | None
    judge: str | None
    auth: AuthMode
    grading: dict[str, Any] | None = Field(None, description="sandbox slots: capacity, "
                                           "running, waiting, clients")


# ---- knowledge and problems ------------------------------------------------------------------
class SearchHit(BaseModel):
    id: str
    score: float
    question_zh: str
    question_en: str
    kind: str


class ProblemSummary(BaseModel):
    id: str
    title: str
    title_zh: str
    title_en: str
    difficulty: str
    tags: list[str]


class ProblemStatement(ProblemSummary):
    statement_zh: str
    statement_en: str
    starter: str
    forbidden: list[str]
    time_limit_s: float


def _code_field() -> Any:
    # The 64 KiB limit is on UTF-8 bytes and answered 413 (documented), not a length here.
    return Field(pattern=r"^[^\x00]*$",
                 description="the candidate's Python source (at most 64 KiB of UTF-8, no NUL)")


class Submission(_Request):
    code: str = _code_field()


class TestOut(_Open):
    __test__ = False  # not a pytest class

    name: str
    passed: bool
    message: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def message_zh(self) -> str:
        """``message`` in Chinese (templated evaluator phrases translated, see
        :mod:`service.evaluator_text`)."""
        return to_chinese(self.message)


class CodeResult(_Open):
    """A graded submission (``evaluators.result.GradeResult``; details may grow)."""

    problem_id: str
    status: str
    passed: bool
    score: float
    tests: list[TestOut] = Field(default_factory=list)
    error: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def error_zh(self) -> str | None:
        """``error`` in Chinese (see :mod:`service.evaluator_text`)."""
        return to_chinese(self.error) if self.error else None


# ---- résumés ---------------------------------------------------------------------------------
class ResumeSummary(BaseModel):
    id: str
    filename: str
    format: str
    created_at: datetime
    projects: int


class ResumeOut(BaseModel):
    id: str
    filename: str
    format: str
    created_at: datetime
    claims: list[ProjectClaim]
    profile: ResumeProfile
    text: str


class ResumeUploaded(ResumeOut):
    warnings: list[str] = Field(default_factory=list)


class ClaimsUpdate(_Request):
    claims: list[ProjectClaim]


# ---- interviews ------------------------------------------------------------------------------
class NewInterview(_Request):
    track: Track
    language: Language = "zh"
    length: Length = "standard"
    resume_id: str | None = None
    seed: int | None = Field(None, ge=0, le=2**32 - 1,
                             description="fix the question plan (tests, reproducibility)")

    @field_validator("seed", mode="before")
    @classmethod
    def _whole_number_not_bool(cls, value: Any) -> Any:
        """JSON Schema's integer includes ``24.0``; ``false`` is not a number at all."""
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value


class Message(_Request):
    content: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class CodeSubmission(_Request):
    problem_id: str = Field(min_length=1, max_length=80)
    code: str = _code_field()


class InterviewSummary(BaseModel):
    id: str
    track: str
    language: str
    length: str
    status: Literal["active", "finished"]
    stage: str
    created_at: datetime
    overall_score: float | None
    resume_id: str | None
    paused: bool = False
    elapsed_s: float = Field(0.0, description="seconds of interview counted up to the last "
                             "activity (``clock_at``), without pauses and long idle gaps")
    clock_at: datetime | None = Field(None, description="while the clock runs: when it last "
                                      "counted; the time now is elapsed_s + (now - clock_at), "
                                      "up to idle_cap_s (GET /v1/limits) of it")
    ended_early: bool = False


class InterviewStarted(InterviewSummary):
    message: str
    brain: str


class KeyPointOut(_Open):
    text_zh: str = ""
    text_en: str = ""
    hit: bool = False


class GradeOut(_Open):
    score: int | float  # as the grader gave it (the rubric's is an integer 0-100)
    key_points: list[KeyPointOut] = Field(default_factory=list)


class DirectiveOut(_Open):
    kind: str
    point: str | None = None
    depth: int = 0
    project_name: str | None = None
    entry_id: str | None = None
    problem_id: str | None = None


class TurnOut(BaseModel):
    seq: int
    role: Literal["interviewer", "candidate", "system"]
    stage: str
    kind: str
    content: str
    brain: str | None
    created_at: datetime
    grade: GradeOut | None
    analysis: dict[str, Any] | None
    code_result: CodeResult | None
    directive: DirectiveOut | None


class PointProgress(BaseModel):
    point: str
    score: float
    attempts: int


class ProjectProgress(BaseModel):
    name: str
    points: list[PointProgress]


class ConceptProgress(BaseModel):
    entry_id: str
    score: float | None


class CodingProgress(BaseModel):
    problem_id: str
    attempts: int
    max_attempts: int
    best_score: float
    passed: bool


class InterviewProgress(BaseModel):
    """Where the interview stands (only what has been asked so far while it runs)."""

    projects: list[ProjectProgress]
    concepts: list[ConceptProgress]
    coding: CodingProgress | None
    skip_attempts: int


class Transcript(InterviewSummary):
    progress: InterviewProgress
    turns: list[TurnOut]


class TurnReply(BaseModel):
    interview_id: str
    message: str
    brain: str
    stage: str
    finished: bool
    overall_score: float | None


class CodeTurnReply(TurnReply):
    result: CodeResult


class StreamDelta(BaseModel):
    """One ``event: delta`` of a streamed reply; the last event is ``done`` (a TurnReply)."""

    text: str
    brain: str


class ReportBody(_Open):
    overall: float | None
    stages: dict[str, float | None]
    topics: dict[str, float]
    concepts: list[dict[str, Any]]
    strengths: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    weak_project_points: list[dict[str, Any]]
    coding: dict[str, Any]


class Report(InterviewSummary):
    report: ReportBody


# ---- practice --------------------------------------------------------------------------------
class PracticeAnswer(_Request):
    answer: str = Field(min_length=1, max_length=MAX_ANSWER_CHARS)
    language: Language = "zh"


class PracticeRecord(BaseModel):
    id: str
    entry_id: str
    language: str
    answer: str
    grade: dict[str, Any]  # a GradeOut for answers, a CodeResult for coding submissions
    created_at: datetime
    kind: str = "concept"
    source: str = "practice"
    score: float | None = None
    interview_id: str | None = None


class PracticeGraded(BaseModel):
    id: str
    entry_id: str
    grade: GradeOut
    reference_answer: str
    key_points: list[KeyPoint]


# ---- accounts and one's own data -------------------------------------------------------------
class Credentials(_Request):
    username: str = Field(pattern=USERNAME_PATTERN,
                          description="3-32 letters, digits, '_', '.' or '-' (case-insensitive)")
    password: str = Field(min_length=8, max_length=256)


class UserOut(BaseModel):
    id: str
    username: str
    created_at: datetime
    mode: AuthMode


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    expires_in: int = Field(description="seconds until the token expires")


class AuthInfo(BaseModel):
    mode: AuthMode


class ExportedDraft(BaseModel):
    scope: str = Field(description="an interview id, or 'practice'")
    problem_id: str
    code: str
    updated_at: datetime


class Export(BaseModel):
    """Everything the service keeps about one user (``GET /v1/me/export``)."""

    exported_at: datetime
    user: UserOut
    resumes: list[ResumeOut]
    interviews: list[Transcript]
    practice: list[PracticeRecord]
    drafts: list[ExportedDraft] = Field(default_factory=list)
