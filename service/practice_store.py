"""Practice attempts and code drafts on the database, per user.

:class:`PracticeDatabase` is the database implementation of :class:`service.practice.
PracticeStore` (the review queue is derived from these rows every time, see
:mod:`service.practice.schedule`) plus what the Practice page lists: one row per graded practice
answer or coding submission, and one per concept (and the coding problem) of a finished
interview, tagged with the interview's id so that deleting the interview deletes them too.

Drafts (:class:`~service.storage.tables.DraftRow`) keep the code editor's text per user, scope
(an interview id, or ``practice``) and problem, so a reload does not lose it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from evaluators.grader import MAX_CODE_BYTES, SubmissionTooLarge
from service.practice import PracticeAttempt
from service.storage.db import Database
from service.storage.tables import DraftRow, PracticeRow, utcnow

PRACTICE_SCOPE = "practice"


def check_draft_size(code: str) -> None:
    """A draft is at most what a submission may be (413 otherwise)."""
    if len(code.encode("utf-8", "replace")) > MAX_CODE_BYTES:
        raise SubmissionTooLarge(f"the draft is larger than {MAX_CODE_BYTES // 1024} KiB; keep "
                                 "only the solution")


def practice_row(user_id: str, *, entry_id: str, kind: str, source: str, language: str,
                 answer: str, grade: dict[str, Any], score: float | None, missed: list[int],
                 key_points: int, interview_id: str | None = None,
                 at: datetime | None = None) -> PracticeRow:
    return PracticeRow(id=str(uuid.uuid4()), user_id=user_id, created_at=at or utcnow(),
                       entry_id=entry_id, kind=kind, source=source, language=language,
                       answer=answer, grade=grade, score=score, missed=missed,
                       key_points=key_points, interview_id=interview_id)


def attempt_of(row: PracticeRow) -> PracticeAttempt | None:
    """The schedule's view of a row (None for a row without a score)."""
    if row.score is None:
        return None
    return PracticeAttempt(entry_id=row.entry_id[:64], score=max(0.0, min(100.0, row.score)),
                           missed=list(row.missed or []), key_points=row.key_points or 0,
                           at=row.created_at,
                           source="interview" if row.source == "interview" else "practice")


class PracticeDatabase:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.sessions = db.sessions

    # ---- the PracticeStore protocol ------------------------------------------------------------
    def add_attempt(self, user_id: str, attempt: PracticeAttempt) -> None:
        self.add(practice_row(user_id, entry_id=attempt.entry_id, kind="concept",
                              source=attempt.source, language="zh", answer="", grade={},
                              score=attempt.score, missed=attempt.missed,
                              key_points=attempt.key_points, at=attempt.at))

    def attempts(self, user_id: str, since: datetime | None = None) -> Sequence[PracticeAttempt]:
        query = select(PracticeRow).where(PracticeRow.user_id == user_id)
        if since is not None:
            query = query.where(PracticeRow.created_at >= since)
        with self.sessions() as session:
            rows = list(session.scalars(query.order_by(PracticeRow.created_at)))
        return [a for a in map(attempt_of, rows) if a is not None]

    def delete_history(self, user_id: str) -> int:
        with self.sessions.begin() as session:
            result = session.execute(delete(PracticeRow).where(PracticeRow.user_id == user_id))
        self.db.scrub()
        return int(getattr(result, "rowcount", 0) or 0)

    # ---- rows ----------------------------------------------------------------------------------
    def add(self, row: PracticeRow, session: Session | None = None) -> PracticeRow:
        """Insert ``row`` (in ``session``'s transaction when given, e.g. an interview's turn)."""
        if session is not None:
            session.add(row)
            return row
        with self.sessions.begin() as own:
            own.add(row)
        return row

    def history(self, user_id: str, limit: int = 200) -> list[PracticeRow]:
        with self.sessions() as session:
            return list(session.scalars(select(PracticeRow).where(
                PracticeRow.user_id == user_id).order_by(PracticeRow.created_at.desc())
                .limit(limit)))

    # ---- drafts --------------------------------------------------------------------------------
    def draft(self, user_id: str, scope: str, problem_id: str) -> DraftRow | None:
        with self.sessions() as session:
            return session.scalars(select(DraftRow).where(
                DraftRow.user_id == user_id, DraftRow.scope == scope,
                DraftRow.problem_id == problem_id)).first()

    def save_draft(self, user_id: str, scope: str, problem_id: str, code: str) -> DraftRow:
        try:
            return self._save_draft(user_id, scope, problem_id, code)
        except IntegrityError:  # two first saves at once: the other one inserted it, update it
            return self._save_draft(user_id, scope, problem_id, code)

    def _save_draft(self, user_id: str, scope: str, problem_id: str, code: str) -> DraftRow:
        with self.sessions.begin() as session:
            row = session.scalars(select(DraftRow).where(
                DraftRow.user_id == user_id, DraftRow.scope == scope,
                DraftRow.problem_id == problem_id).with_for_update()).first()
            if row is None:
                row = DraftRow(user_id=user_id, scope=scope, problem_id=problem_id, code=code,
                               updated_at=utcnow())
                session.add(row)
            else:
                row.code, row.updated_at = code, utcnow()
        return row

    def drafts(self, user_id: str) -> list[DraftRow]:
        with self.sessions() as session:
            return list(session.scalars(select(DraftRow).where(DraftRow.user_id == user_id)
                                        .order_by(DraftRow.updated_at.desc())))
