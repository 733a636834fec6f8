"""The state of one interview, stored as JSON with the interview row.

Everything the engine needs to decide the next move lives here, so an interview survives a
service restart: the plan (which projects, concepts and coding problem, chosen at the start), the
cursor in each stage, the scores gathered so far, and what drilling has learnt — per point the
slots filled (with the candidate's words), per project the claim ledger and the techniques linked
to knowledge-base entries, and hashes of every line the interviewer said (no line is repeated).
The engine is the only writer. States stored before these fields existed load with defaults.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Stage = Literal["intro", "project", "concept", "coding", "questions", "closed"]
Length = Literal["short", "standard", "full"]
STAGE_ORDER: tuple[Stage, ...] = ("intro", "project", "concept", "coding", "questions", "closed")

# The points a project is drilled on, in the order a senior interviewer walks them.
PROJECT_POINTS = ("task", "model", "training", "data", "difficulty", "novelty", "metrics",
                  "contribution")


# Projects after the main one are drilled on fewer points in a full interview.
SECONDARY_POINTS = ("task", "model", "difficulty", "metrics", "contribution")


class LengthPlan(BaseModel):
    projects: int
    points: tuple[str, ...]
    concepts: int
    coding_attempts: int
    candidate_questions: int
    secondary_points: tuple[str, ...] = SECONDARY_POINTS
    technique_probes: int = 1  # per project: a deeper probe into a technique the answer named


LENGTH_PLANS: dict[str, LengthPlan] = {
    "short": LengthPlan(projects=1, points=("task", "model", "data", "difficulty"), concepts=2,
                        coding_attempts=2, candidate_questions=1, technique_probes=0),
    "standard": LengthPlan(projects=1, points=PROJECT_POINTS, concepts=4, coding_attempts=3,
                           candidate_questions=2),
    "full": LengthPlan(projects=3, points=PROJECT_POINTS, concepts=6, coding_attempts=3,
                       candidate_questions=3),
}
MAX_DRILL_DEPTH = 2  # a vague answer is pressed this many times on one point before moving on


class PointResult(BaseModel):
    point: str
    score: float = 0.0  # 0-100, from the slots given and the presses it took
    attempts: int = 0
    vague_reasons: list[str] = Field(default_factory=list)
    contradictions: list[str] = Field(default_factory=list)
    slots: dict[str, str] = Field(default_factory=dict)  # slot -> the candidate's words
    credited: list[str] = Field(default_factory=list)  # slots filled in answers to other points
    evaded: dict[str, str] = Field(default_factory=dict)  # slot -> the evasive words
    quotes: list[str] = Field(default_factory=list)  # what presses on this point quoted
    confronted: list[str] = Field(default_factory=list)  # ledger keys already confronted
    best: str = ""  # the most concrete thing the candidate said about this point
    done: bool = False


class ProjectProgress(BaseModel):
    name: str
    claim: dict[str, Any]
    points: list[PointResult] = Field(default_factory=list)
    ledger: list[dict[str, Any]] = Field(default_factory=list)  # numbers stated, see drilling
    techniques: list[dict[str, Any]] = Field(default_factory=list)  # TechniqueLink fields
    probes: list[str] = Field(default_factory=list)  # entry ids probed in this project
    probe: dict[str, Any] | None = None  # the technique probe in progress

    def point(self, name: str) -> PointResult | None:
        return next((p for p in self.points if p.point == name), None)


class ConceptProgress(BaseModel):
    entry_id: str
    linked_from: str | None = None  # the technique (as the candidate wrote it) that led here
    link_source: str | None = None  # "resume" or "answer"
    asked_in: str = "concept"  # "project" for a technique probe during drilling
    first_score: float | None = None
    follow_up_score: float | None = None
    follow_up_asked: bool = False
    missed: list[int] = Field(default_factory=list)
    hit: list[int] = Field(default_factory=list)

    @property
    def score(self) -> float | None:
        if self.first_score is None:
            return None
        if self.follow_up_score is None:
            return self.first_score
        # Recovering on the follow-up earns back part of what the first answer missed.
        return max(self.first_score, 0.7 * self.first_score + 0.3 * self.follow_up_score)


class CodingProgress(BaseModel):
    problem_id: str
    attempts: int = 0
    best_score: float = 0.0
    last_status: str | None = None
    passed: bool = False
    explained: bool = False
    nudged: bool = False  # asked once to fix and resubmit; the next message moves on
    last_failing_test: str | None = None
    # What the candidate said in the chat (``coding_talk``): the first approach they explained,
    # with what it stated and missed, and one short record per message (kind, move).
    approach: dict[str, Any] | None = None
    talk: list[dict[str, Any]] = Field(default_factory=list)
    talks_since_run: int = 0  # chat messages since the last submission (the stage moves on)
    stuck: int = 0  # times the candidate said they were stuck


class InterviewState(BaseModel):
    track: str
    language: Literal["zh", "en"]
    length: Length
    stage: Stage = "intro"
    intro_score: float | None = None
    projects: list[ProjectProgress] = Field(default_factory=list)
    project_index: int = 0
    point_index: int = 0
    depth: int = 0
    concepts: list[ConceptProgress] = Field(default_factory=list)
    concept_index: int = 0
    coding: CodingProgress | None = None
    questions_answered: int = 0
    skip_attempts: int = 0
    pending_question: str | None = None
    mentions: list[dict[str, str]] = Field(default_factory=list)  # résumé techniques, all projects
    linked: list[dict[str, Any]] = Field(default_factory=list)  # techniques → entries, all projects
    probes: list[ConceptProgress] = Field(default_factory=list)  # technique probes, graded
    said: list[str] = Field(default_factory=list)  # hashes of the interviewer's lines
    question_categories: list[str] = Field(default_factory=list)  # 反问: each question's topic
    ended_early: bool = False  # the candidate ended the interview before its last stage
    ended_in_stage: str | None = None  # the stage it was in when they did

    @property
    def plan(self) -> LengthPlan:
        return LENGTH_PLANS[self.length]

    def current_project(self) -> ProjectProgress | None:
        if self.stage != "project" or self.project_index >= len(self.projects):
            return None
        return self.projects[self.project_index]

    def current_concept(self) -> ConceptProgress | None:
        if self.stage != "concept" or self.concept_index >= len(self.concepts):
            return None
        return self.concepts[self.concept_index]
