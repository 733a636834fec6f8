"""Initial schema: résumés, interviews and their turns (before accounts).

This is the schema the hand-written migration v1 created; databases made by it are stamped with
this revision and upgraded from here.

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resumes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
    )
    op.create_table(
        "interviews",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("track", sa.String(32), nullable=False),
        sa.Column("language", sa.String(4), nullable=False),
        sa.Column("length", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("resume_id", sa.String(36), sa.ForeignKey("resumes.id"), nullable=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("overall_score", sa.Float(), nullable=True),
    )
    op.create_index("ix_interviews_track", "interviews", ["track"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("interview_id", sa.String(36), sa.ForeignKey("interviews.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("brain", sa.String(64), nullable=True),
        sa.Column("directive", sa.JSON(), nullable=True),
        sa.Column("grade", sa.JSON(), nullable=True),
        sa.Column("analysis", sa.JSON(), nullable=True),
        sa.Column("code_result", sa.JSON(), nullable=True),
    )
    op.create_index("ix_turns_interview_id", "turns", ["interview_id"])


def downgrade() -> None:
    op.drop_table("turns")
    op.drop_table("interviews")
    op.drop_table("resumes")
