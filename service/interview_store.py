"""Persistence of interviews and turns: every write is its own committed transaction.

The interview service calls :meth:`InterviewStore.append_turn` for the candidate's turn *before*
it asks a brain for the reply, and again for the reply before returning it, so nothing the
candidate said or saw is ever lost, even if a brain or the process fails in between.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from service.storage.tables import InterviewRow, ResumeRow, TurnRow, utcnow


class NotFound(LookupError):
    """An interview or résumé id that does not exist."""


class InterviewStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def save_resume(self, filename: str, fmt: str, text: str, claims: list[dict[str, Any]],
                    profile: dict[str, Any]) -> ResumeRow:
        row = ResumeRow(id=str(uuid.uuid4()), filename=filename[:255], format=fmt, raw_text=text,
                        claims=claims, profile=profile)
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def get_resume(self, resume_id: str) -> ResumeRow:
        with self.sessions() as session:
            row = session.get(ResumeRow, resume_id)
        if row is None:
            raise NotFound(f"no résumé with id {resume_id!r}; upload one with POST /v1/resumes")
        return row

    def update_resume_claims(self, resume_id: str, claims: list[dict[str, Any]]) -> ResumeRow:
        with self.sessions.begin() as session:
            row = session.get(ResumeRow, resume_id)
            if row is None:
                raise NotFound(f"no résumé with id {resume_id!r}")
            row.claims = claims
        return row

    def create_interview(self, *, track: str, language: str, length: str, stage: str,
                         resume_id: str | None, state: dict[str, Any]) -> InterviewRow:
        row = InterviewRow(id=str(uuid.uuid4()), track=track, language=language, length=length,
                           stage=stage, resume_id=resume_id, state=state)
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def get_interview(self, interview_id: str) -> InterviewRow:
        with self.sessions() as session:
            row = session.get(InterviewRow, interview_id)
        if row is None:
            raise NotFound(f"no interview with id {interview_id!r}; list them with "
                           "GET /v1/interviews")
        return row

    def save_state(self, interview_id: str, state: dict[str, Any], stage: str, status: str,
                   overall: float | None) -> None:
        with self.sessions.begin() as session:
            row = session.get(InterviewRow, interview_id)
            assert row is not None
            row.state, row.stage, row.status = state, stage, status
            row.overall_score, row.updated_at = overall, utcnow()

    def append_turn(self, interview_id: str, **fields: Any) -> TurnRow:
        with self.sessions.begin() as session:
            seq = session.scalar(select(func.count()).select_from(TurnRow).where(
                TurnRow.interview_id == interview_id)) or 0
            row = TurnRow(interview_id=interview_id, seq=seq, **fields)
            session.add(row)
        return row

    def turns(self, interview_id: str) -> list[TurnRow]:
        with self.sessions() as session:
            return list(session.scalars(select(TurnRow).where(
                TurnRow.interview_id == interview_id).order_by(TurnRow.seq)))

    def list_interviews(self, limit: int = 200) -> list[InterviewRow]:
        with self.sessions() as session:
            return list(session.scalars(select(InterviewRow).order_by(
                InterviewRow.created_at.desc()).limit(limit)))

    def recently_asked(self, limit: int = 5) -> set[str]:
        """Entry and problem ids asked in the last ``limit`` interviews (to avoid repeats)."""
        asked: set[str] = set()
        for row in self.list_interviews(limit):
            state = row.state or {}
            asked |= {c.get("entry_id") for c in state.get("concepts", [])}
            if state.get("coding"):
                asked.add(state["coding"].get("problem_id"))
        asked.discard(None)
        return asked
