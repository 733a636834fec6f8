"""Rows and engine state → the API's response models (:mod:`service.schemas`).

This is the one place where persisted engine state is read for clients: while an interview runs,
the reference answers and key points inside directives are redacted, and the progress shows only
what has been asked so far (never the upcoming questions or coding problem).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from service.interview.state import InterviewState
from service.schemas import (
    CodingProgress,
    ConceptProgress,
    InterviewProgress,
    InterviewSummary,
    PointProgress,
    PracticeRecord,
    ProjectProgress,
    ResumeOut,
    ResumeSummary,
    Transcript,
    TurnOut,
)
from service.storage.tables import InterviewRow, PracticeRow, ResumeRow, TurnRow

SECRET_DIRECTIVE_FIELDS = ("reference", "key_points", "missed_points")
_EARLY_STAGES = ("intro", "project", "concept")


def resume_out(row: ResumeRow) -> ResumeOut:
    return ResumeOut(id=row.id, filename=row.filename, format=row.format,
                     created_at=row.created_at, claims=row.claims, profile=row.profile,
                     text=row.raw_text)


def resume_summary(row: ResumeRow) -> ResumeSummary:
    return ResumeSummary(id=row.id, filename=row.filename, format=row.format,
                         created_at=row.created_at, projects=len(row.claims or []))


def interview_summary(row: InterviewRow) -> InterviewSummary:
    state = row.state if isinstance(row.state, dict) else {}
    return InterviewSummary(id=row.id, track=row.track, language=row.language,
                            length=row.length, status=row.status,
                            stage=row.stage, created_at=row.created_at,
                            overall_score=row.overall_score, resume_id=row.resume_id,
                            paused=bool(row.paused) and row.status != "finished",
                            elapsed_s=round(float(row.active_s or 0.0), 1),
                            clock_at=row.clock_at if row.status != "finished" else None,
                            ended_early=bool(state.get("ended_early")))


def turn_out(turn: TurnRow, redact: bool) -> TurnOut:
    directive = dict(turn.directive) if turn.directive else None
    if directive is not None and redact:
        for key in SECRET_DIRECTIVE_FIELDS:
            directive.pop(key, None)
    return TurnOut.model_validate({
        "seq": turn.seq, "role": turn.role, "stage": turn.stage, "kind": turn.kind,
        "content": turn.content, "brain": turn.brain, "created_at": turn.created_at,
        "grade": turn.grade, "analysis": turn.analysis, "code_result": turn.code_result,
        "directive": directive})


def progress(raw_state: dict[str, Any], active: bool) -> InterviewProgress:
    """The public view of the engine's state: while the interview runs, only what was asked.

    A state the engine can no longer read (written by an older engine) shows no progress rather
    than making the transcript or an export fail; its turns are still all there."""
    try:
        state = InterviewState.model_validate(raw_state)
    except ValidationError:
        return InterviewProgress(projects=[], concepts=[], coding=None, skip_attempts=0)
    early = active and state.stage in _EARLY_STAGES
    concepts = state.concepts
    if early:
        concepts = concepts[:state.concept_index + (1 if state.stage == "concept" else 0)]
    coding = state.coding
    return InterviewProgress(
        projects=[ProjectProgress(name=p.name, points=[
            PointProgress(point=pt.point, score=pt.score, attempts=pt.attempts)
            for pt in p.points if pt.attempts]) for p in state.projects],
        concepts=[ConceptProgress(entry_id=c.entry_id, score=c.score) for c in concepts],
        coding=None if early or coding is None else CodingProgress(
            problem_id=coding.problem_id, attempts=coding.attempts,
            max_attempts=state.plan.coding_attempts, best_score=coding.best_score,
            passed=coding.passed),
        skip_attempts=state.skip_attempts)


def transcript(row: InterviewRow, turns: list[TurnRow]) -> Transcript:
    active = row.status != "finished"
    return Transcript(**interview_summary(row).model_dump(),
                      progress=progress(row.state or {}, active),
                      turns=[turn_out(t, redact=active) for t in turns])


def practice_record(row: PracticeRow) -> PracticeRecord:
    return PracticeRecord.model_validate({
        "id": row.id, "entry_id": row.entry_id, "language": row.language, "answer": row.answer,
        "grade": row.grade, "created_at": row.created_at, "kind": row.kind or "concept",
        "source": row.source or "practice", "score": row.score,
        "interview_id": row.interview_id})
