"""The candidate's journey: the interview clock, practice attempts for the review queue, drafts.

Interviews get a clock (``active_s`` counted up to ``clock_at``; ``paused``). Practice attempts
get their kind, source (practice or interview, with the interview's id), score, missed key points
and key-point count, filled in for existing rows from their stored grade. ``code_drafts`` keeps
the code editor's draft per user, scope and problem.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _aware(value: Any) -> datetime | None:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value if isinstance(value, datetime) else None


def _clock_for_existing_interviews(connection: sa.Connection) -> None:
    """Time between the first and the last turn so far; active ones keep running from there."""
    rows = connection.execute(sa.text("SELECT id, created_at, updated_at, status FROM interviews"))
    for interview_id, created, updated, status in rows.fetchall():
        start, end = _aware(created), _aware(updated)
        seconds = max(0.0, (end - start).total_seconds()) if start and end else 0.0
        connection.execute(
            sa.text("UPDATE interviews SET active_s = :s, clock_at = :at WHERE id = :id"),
            {"s": seconds, "at": end if status != "finished" else None, "id": interview_id})


def _grade_facts(grade: Any) -> tuple[float | None, list[int], int]:
    if isinstance(grade, str):
        grade = json.loads(grade)
    if not isinstance(grade, dict):
        return None, [], 0
    points = grade.get("key_points") or []
    missed = [int(p.get("index", i)) for i, p in enumerate(points)
              if isinstance(p, dict) and not p.get("hit")]
    score = grade.get("score")
    return (float(score) if isinstance(score, int | float) else None), missed, len(points)


def _facts_for_existing_practice(connection: sa.Connection) -> None:
    rows = connection.execute(sa.text("SELECT id, grade FROM practice_attempts"))
    for attempt_id, grade in rows.fetchall():
        score, missed, count = _grade_facts(grade)
        connection.execute(
            sa.text("UPDATE practice_attempts SET score = :score, missed = :missed, "
                    "key_points = :count WHERE id = :id"),
            {"score": score, "missed": json.dumps(missed), "count": count, "id": attempt_id})


def upgrade() -> None:
    op.add_column("interviews", sa.Column("active_s", sa.Float(), nullable=False,
                                          server_default="0"))
    op.add_column("interviews", sa.Column("clock_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("interviews", sa.Column("paused", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    for column in (
            sa.Column("kind", sa.String(16), nullable=False, server_default="concept"),
            sa.Column("source", sa.String(16), nullable=False, server_default="practice"),
            sa.Column("score", sa.Float(), nullable=True),
            sa.Column("missed", sa.JSON(), nullable=True),
            sa.Column("key_points", sa.Integer(), nullable=False, server_default="0"),
            sa.Column("interview_id", sa.String(36), nullable=True)):
        op.add_column("practice_attempts", column)
    op.create_index("ix_practice_attempts_interview_id", "practice_attempts", ["interview_id"])
    op.create_table(
        "code_drafts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("scope", sa.String(36), nullable=False),
        sa.Column("problem_id", sa.String(80), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "scope", "problem_id",
                            name="uq_code_drafts_user_scope_problem"),
    )
    op.create_index("ix_code_drafts_user_id", "code_drafts", ["user_id"])
    connection = op.get_bind()
    _clock_for_existing_interviews(connection)
    _facts_for_existing_practice(connection)


def downgrade() -> None:
    op.drop_index("ix_code_drafts_user_id", "code_drafts")
    op.drop_table("code_drafts")
    op.drop_index("ix_practice_attempts_interview_id", "practice_attempts")
    with op.batch_alter_table("practice_attempts") as batch:
        for name in ("interview_id", "key_points", "missed", "score", "source", "kind"):
            batch.drop_column(name)
    with op.batch_alter_table("interviews") as batch:
        for name in ("paused", "clock_at", "active_s"):
            batch.drop_column(name)
