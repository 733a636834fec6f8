"""Data shapes of the résumé component (pydantic, so the web layer can return them as JSON).

``ExtractedResume`` is what came out of a file (normalized text + provenance). ``ProjectClaim``
is one project / internship / competition / paper the candidate claims, broken into the facets an
interviewer probes: what was the task, which methods, which data, which numbers, what did *you*
do — and ``vague_flags`` for what the claim does not say. ``ResumeProfile`` holds the rest.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

ResumeFormat = Literal["pdf", "docx", "markdown", "text"]


class ClaimKind(StrEnum):
    PROJECT = "project"
    INTERNSHIP = "internship"
    WORK = "work"  # full-time jobs (工作经历); not an internship
    COMPETITION = "competition"
    PAPER = "paper"
    RESEARCH = "research"


class VagueFlag(StrEnum):
    NO_METRICS = "no_metrics"  # no number backs the claim
    NO_DATA = "no_data"  # no dataset or data description
    NO_OWN_CONTRIBUTION = "no_own_contribution"  # no "I did X" (only "参与", or team voice)
    ONLY_EXISTING_MODEL = "only_existing_model"  # names off-the-shelf models, no modification
    UNNAMED_METRIC = "unnamed_metric"  # "提升 5%" without saying of what


class ExtractedResume(BaseModel):
    text: str
    format: ResumeFormat
    pages: int | None = None  # PDF only
    encoding: str | None = None  # text / markdown only
    truncated: bool = False  # text was cut at the character cap
    warnings: list[str] = Field(default_factory=list)


class Metric(BaseModel):
    """A claimed number: ``metric`` is the measure ("mAP", "准确率", "speedup", "rank", "award";
    "unspecified" when the résumé does not say), ``value`` the (final) number, ``baseline`` the
    "from" number of "from A to B", ``is_delta`` whether it is an improvement / reduction, ``out_of``
the denominator of "15/120". ``raw`` is the claim as written, for display."""

    metric: str
    value: float | None
    unit: str | None = None
    baseline: float | None = None
    is_delta: bool = False
    out_of: float | None = None  # the denominator of a fraction or a field size: "15/120"
    raw: str


class ProjectClaim(BaseModel):
    name: str
    kind: ClaimKind
    role: str | None = None
    organization: str | None = None  # company / lab / school; the venue for papers
    period: str | None = None
    task: str | None = None
    methods: list[str] = Field(default_factory=list)
    data: list[str] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    contribution: list[str] = Field(default_factory=list)
    raw: str
    section: str | None = None  # heading the item was found under (None: headingless fallback)
    vague_flags: list[VagueFlag] = Field(default_factory=list)


class ResumeProfile(BaseModel):
    name: str | None = None
    education: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
