"""The database schema (SQLAlchemy 2.0 declarative): users, their résumés, interviews and turns.

Every résumé, interview and practice attempt has an owner (``user_id``); turns and code results
belong to an interview and so to its owner. In local mode all data belongs to one implicit user,
:data:`LOCAL_USER_ID`. The schema is created and changed only by the Alembic migrations in
:mod:`service.storage.migrations`; a test checks that these classes and the migrated database
agree.

Turn numbers (``seq``) come from the interview row's ``next_seq``, written in the same transaction
that inserts the turns while that row is locked, and ``(interview_id, seq)`` is unique: two turns
can never share a number, whatever the number of processes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

LOCAL_USER_ID = "local"  # the one implicit user of local mode (created by the migrations)
LOCAL_USERNAME = "local"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware (SQLite keeps no zone: it is UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TokenRow(Base):
    """A login: only the SHA-256 of the bearer token is stored."""

    __tablename__ = "auth_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class AttemptRow(Base):
    """One throttled event (a failed login, a registration) by key: ``user:<name>``/``ip:<addr>``."""

    __tablename__ = "auth_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(160), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ResumeRow(Base):
    __tablename__ = "resumes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(16))
    raw_text: Mapped[str] = mapped_column(Text)
    claims: Mapped[list[Any]] = mapped_column(JSON)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    track: Mapped[str] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(4))
    length: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active")
    stage: Mapped[str] = mapped_column(String(16))
    resume_id: Mapped[str | None] = mapped_column(ForeignKey("resumes.id"), nullable=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    overall_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    next_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # next turn's no.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # +1 per turn
    # The interview clock (see service.interview_clock): seconds of activity counted up to
    # ``clock_at``; ``clock_at`` is None while paused or finished.
    active_s: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    clock_at: Mapped[datetime | None] = mapped_column(nullable=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("interview_id", "seq", name="uq_turns_interview_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    interview_id: Mapped[str] = mapped_column(ForeignKey("interviews.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    role: Mapped[str] = mapped_column(String(16))  # interviewer | candidate | system
    stage: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))  # directive kind, "answer", "code", ...
    content: Mapped[str] = mapped_column(Text)
    brain: Mapped[str | None] = mapped_column(String(64), nullable=True)
    directive: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    grade: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    code_result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class PracticeRow(Base):
    """One graded attempt at a knowledge-base entry: a practice answer (``POST
    /v1/questions/{id}/grade``), a practice coding submission, or a concept / the coding problem
    of an interview (``source="interview"``, deleted with the interview). ``score`` (0–100),
    ``missed`` (key-point indexes) and ``key_points`` (how many the entry has) feed the review
    queue (:mod:`service.practice`)."""

    __tablename__ = "practice_attempts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    entry_id: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(4))
    answer: Mapped[str] = mapped_column(Text)
    grade: Mapped[dict[str, Any]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(16), default="concept", server_default="concept")
    source: Mapped[str] = mapped_column(String(16), default="practice",
                                        server_default="practice")
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    missed: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    key_points: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    interview_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)


class DraftRow(Base):
    """The code editor's draft, so a reload keeps it: per user, per scope (an interview id, or
    ``practice``) and problem."""

    __tablename__ = "code_drafts"
    __table_args__ = (UniqueConstraint("user_id", "scope", "problem_id",
                                       name="uq_code_drafts_user_scope_problem"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(36))
    problem_id: Mapped[str] = mapped_column(String(80))
    code: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
