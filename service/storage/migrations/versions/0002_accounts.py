"""Accounts: users, login tokens, throttling, practice records; every row gets an owner.

Existing résumés and interviews become the local user's. Turn numbers are renumbered in insertion
order (the old in-process lock let two concurrent messages share a number) and made unique per
interview; each interview keeps its next turn number and a version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-01
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LOCAL_USER_ID = "local"  # frozen here: a migration must not change when the code does


def _owner_column(table: str) -> None:
    op.add_column(table, sa.Column("user_id", sa.String(36), nullable=True))
    op.execute(sa.text(f"UPDATE {table} SET user_id = :u").bindparams(u=LOCAL_USER_ID))
    with op.batch_alter_table(table) as batch:
        batch.alter_column("user_id", existing_type=sa.String(36), nullable=False)
        batch.create_foreign_key(f"fk_{table}_user_id", "users", ["user_id"], ["id"],
                                 ondelete="CASCADE")
        batch.create_index(f"ix_{table}_user_id", ["user_id"])


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.bulk_insert(sa.table("users", sa.column("id"), sa.column("username"),
                            sa.column("password_hash"), sa.column("created_at")),
                   [{"id": LOCAL_USER_ID, "username": "local", "password_hash": None,
                     "created_at": datetime.now(UTC)}])
    op.create_table(
        "auth_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_auth_tokens_user_id", "auth_tokens", ["user_id"])
    op.create_index("ix_auth_tokens_expires_at", "auth_tokens", ["expires_at"])
    op.create_table(
        "auth_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_auth_attempts_key", "auth_attempts", ["key"])
    op.create_index("ix_auth_attempts_at", "auth_attempts", ["at"])
    op.create_table(
        "practice_attempts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entry_id", sa.String(80), nullable=False),
        sa.Column("language", sa.String(4), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("grade", sa.JSON(), nullable=False),
    )
    op.create_index("ix_practice_attempts_user_id", "practice_attempts", ["user_id"])

    _owner_column("resumes")
    _owner_column("interviews")
    op.add_column("interviews", sa.Column("next_seq", sa.Integer(), nullable=False,
                                          server_default="0"))
    op.add_column("interviews", sa.Column("version", sa.Integer(), nullable=False,
                                          server_default="0"))
    # Insertion order (the autoincrement id) is the true order of an interview's turns.
    op.execute("UPDATE turns SET seq = (SELECT COUNT(*) FROM turns AS earlier "
               "WHERE earlier.interview_id = turns.interview_id AND earlier.id < turns.id)")
    op.execute("UPDATE interviews SET next_seq = (SELECT COUNT(*) FROM turns "
               "WHERE turns.interview_id = interviews.id)")
    with op.batch_alter_table("turns") as batch:
        batch.create_unique_constraint("uq_turns_interview_seq", ["interview_id", "seq"])


def downgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.drop_constraint("uq_turns_interview_seq", type_="unique")
    for table in ("interviews", "resumes"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_user_id")
            batch.drop_constraint(f"fk_{table}_user_id", type_="foreignkey")
            batch.drop_column("user_id")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("version")
        batch.drop_column("next_seq")
    for table in ("practice_attempts", "auth_attempts", "auth_tokens", "users"):
        op.drop_table(table)
