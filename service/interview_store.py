"""Persistence of one user's résumés, interviews, turns and practice answers.

Every read and write names the owner: a row of another user is indistinguishable from a missing
one (:class:`NotFound`, 404), and lists hold only the owner's rows.

A turn is written through :meth:`InterviewStore.locked_interview`: one transaction that locks the
interview row (``SELECT … FOR UPDATE`` on PostgreSQL, the writer lock on SQLite), lets the service
run the engine and the brain, then inserts the turn's rows — the candidate's message, the
assessment, the interviewer's reply — numbered from the row's ``next_seq``, saves the new state
and bumps ``version``, and commits all of it at once. A second message to the same interview, in
this process or another, waits for the lock (up to ``KAODA_DB__LOCK_TIMEOUT_S``, then
:class:`InterviewBusy`) and then sees the new state: turns are never duplicated, lost or
misordered. A crash before the commit leaves nothing half-written, and the database releases the
lock of a dead process.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from service.storage.db import Database
from service.storage.tables import (
    DraftRow,
    InterviewRow,
    PracticeRow,
    ResumeRow,
    TurnRow,
    utcnow,
)


class NotFound(LookupError):
    """An id that does not exist — or belongs to someone else."""


class InterviewBusy(Exception):
    """Another turn of this interview kept it locked for too long."""


def is_lock_timeout(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "database is locked" in message or "lock timeout" in message or \
        getattr(exc.orig, "sqlstate", None) == "55P03"


class LockedInterview:
    """An interview row locked for one turn; turns added here are committed together."""

    def __init__(self, session: Session, row: InterviewRow) -> None:
        self.session, self.row = session, row
        self.pending: list[TurnRow] = []

    def append(self, **fields: Any) -> TurnRow:
        turn = TurnRow(interview_id=self.row.id, seq=self.row.next_seq + len(self.pending),
                       **fields)
        self.pending.append(turn)
        return turn

    def save_state(self, state: dict[str, Any], stage: str, status: str,
                   overall: float | None) -> None:
        row = self.row
        row.state, row.stage, row.status, row.overall_score = state, stage, status, overall

    def flush(self) -> None:
        row = self.row
        self.session.add_all(self.pending)
        row.next_seq += len(self.pending)
        row.version += 1
        row.updated_at = utcnow()


class InterviewStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.sessions = db.sessions

    # ---- résumés ----------------------------------------------------------------------------
    def save_resume(self, user_id: str, filename: str, fmt: str, text_: str,
                    claims: list[dict[str, Any]], profile: dict[str, Any]) -> ResumeRow:
        row = ResumeRow(id=str(uuid.uuid4()), user_id=user_id, filename=filename[:255],
                        format=fmt, raw_text=text_, claims=claims, profile=profile)
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def get_resume(self, user_id: str, resume_id: str) -> ResumeRow:
        with self.sessions() as session:
            row = session.get(ResumeRow, resume_id)
        if row is None or row.user_id != user_id:
            raise NotFound(f"no résumé with id {resume_id!r}; upload one with POST /v1/resumes")
        return row

    def list_resumes(self, user_id: str) -> list[ResumeRow]:
        with self.sessions() as session:
            return list(session.scalars(select(ResumeRow).where(
                ResumeRow.user_id == user_id).order_by(ResumeRow.created_at.desc())))

    def update_resume_claims(self, user_id: str, resume_id: str,
                             claims: list[dict[str, Any]]) -> ResumeRow:
        with self.sessions.begin() as session:
            row = session.get(ResumeRow, resume_id)
            if row is None or row.user_id != user_id:
                raise NotFound(f"no résumé with id {resume_id!r}")
            row.claims = claims
        return row

    def delete_resume(self, user_id: str, resume_id: str) -> None:
        """The résumé is gone; interviews that used it stay (their own transcript)."""
        with self.sessions.begin() as session:
            row = session.get(ResumeRow, resume_id)
            if row is None or row.user_id != user_id:
                raise NotFound(f"no résumé with id {resume_id!r}")
            session.execute(update(InterviewRow).where(InterviewRow.resume_id == resume_id)
                            .values(resume_id=None))
            session.delete(row)
        self.db.scrub()

    # ---- interviews -------------------------------------------------------------------------
    def create_interview(self, user_id: str, *, track: str, language: str, length: str,
                         stage: str, resume_id: str | None, state: dict[str, Any],
                         opening: dict[str, Any]) -> InterviewRow:
        """The interview and its first interviewer turn, in one transaction."""
        row = InterviewRow(id=str(uuid.uuid4()), user_id=user_id, track=track,
                           language=language, length=length, stage=stage, status="active",
                           resume_id=resume_id, state=state, next_seq=1, version=1,
                           active_s=0.0, clock_at=utcnow(), paused=False)
        with self.sessions.begin() as session:
            session.add(row)
            session.flush()
            session.add(TurnRow(interview_id=row.id, seq=0, **opening))
        return row

    def get_interview(self, user_id: str, interview_id: str) -> InterviewRow:
        with self.sessions() as session:
            row = session.get(InterviewRow, interview_id)
        if row is None or row.user_id != user_id:
            raise NotFound(f"no interview with id {interview_id!r}; list them with "
                           "GET /v1/interviews")
        return row

    def turns(self, interview_id: str) -> list[TurnRow]:
        """The turns of an interview the caller already read with :meth:`get_interview`."""
        with self.sessions() as session:
            return list(session.scalars(select(TurnRow).where(
                TurnRow.interview_id == interview_id).order_by(TurnRow.seq)))

    def list_interviews(self, user_id: str, limit: int | None = 200) -> list[InterviewRow]:
        with self.sessions() as session:
            query = select(InterviewRow).where(InterviewRow.user_id == user_id).order_by(
                InterviewRow.created_at.desc())
            return list(session.scalars(query.limit(limit) if limit else query))

    def delete_interview(self, user_id: str, interview_id: str) -> None:
        with self.sessions.begin() as session:
            row = session.get(InterviewRow, interview_id)
            if row is None or row.user_id != user_id:
                raise NotFound(f"no interview with id {interview_id!r}")
            session.execute(delete(TurnRow).where(TurnRow.interview_id == interview_id))
            # what the interview recorded for practice, and its code drafts, go with it
            session.execute(delete(PracticeRow).where(PracticeRow.interview_id == interview_id))
            session.execute(delete(DraftRow).where(DraftRow.user_id == user_id,
                                                   DraftRow.scope == interview_id))
            session.delete(row)
        self.db.scrub()

    @contextmanager
    def locked_interview(self, user_id: str, interview_id: str) -> Iterator[LockedInterview]:
        """Lock the interview for one turn; commit what the block added when it ends."""
        with self.db.locking() as session:
            try:
                session.begin()
                if self.db.dialect == "postgresql":
                    timeout_ms = int(self.db.lock_timeout_s * 1000)
                    session.execute(text(f"SET LOCAL lock_timeout = {timeout_ms}"))
                row = session.scalars(select(InterviewRow).where(
                    InterviewRow.id == interview_id).with_for_update()).first()
            except OperationalError as exc:
                if is_lock_timeout(exc):
                    raise InterviewBusy(
                        f"interview {interview_id} is still answering another message; send "
                        "yours again in a moment") from exc
                raise
            if row is None or row.user_id != user_id:
                raise NotFound(f"no interview with id {interview_id!r}; list them with "
                               "GET /v1/interviews")
            locked = LockedInterview(session, row)
            yield locked
            locked.flush()
            session.commit()

    def recently_asked(self, user_id: str, limit: int = 5) -> set[str]:
        """Entry and problem ids asked in one's last ``limit`` interviews (to avoid repeats)."""
        asked: set[str] = set()
        for row in self.list_interviews(user_id, limit):
            state = row.state or {}
            asked |= {c.get("entry_id") for c in state.get("concepts", [])}
            if state.get("coding"):
                asked.add(state["coding"].get("problem_id"))
        asked.discard(None)
        return asked

    # ---- practice ---------------------------------------------------------------------------
    def save_practice(self, user_id: str, entry_id: str, language: str, answer: str,
                      grade: dict[str, Any]) -> PracticeRow:
        row = PracticeRow(id=str(uuid.uuid4()), user_id=user_id, entry_id=entry_id,
                          language=language, answer=answer, grade=grade)
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def list_practice(self, user_id: str, limit: int | None = 500) -> list[PracticeRow]:
        with self.sessions() as session:
            query = select(PracticeRow).where(PracticeRow.user_id == user_id).order_by(
                PracticeRow.created_at.desc())
            return list(session.scalars(query.limit(limit) if limit else query))

    def count_turns(self, interview_id: str) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(TurnRow).where(
                TurnRow.interview_id == interview_id)) or 0)
