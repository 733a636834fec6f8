"""Users, login tokens and throttled attempts in the database (shared by every process)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from service.auth.errors import UsernameTaken
from service.storage.db import Database
from service.storage.tables import AttemptRow, TokenRow, UserRow


class UserStore:
    def __init__(self, db: Database) -> None:
        self.sessions = db.sessions

    def create_user(self, username: str, password_hash: str) -> UserRow:
        row = UserRow(id=str(uuid.uuid4()), username=username, password_hash=password_hash)
        try:
            with self.sessions.begin() as session:
                session.add(row)
        except IntegrityError as exc:
            raise UsernameTaken(f"the username {username!r} is taken; choose another") from exc
        return row

    def get_user(self, user_id: str) -> UserRow | None:
        with self.sessions() as session:
            return session.get(UserRow, user_id)

    def find_user(self, username: str) -> UserRow | None:
        with self.sessions() as session:
            return session.scalars(select(UserRow).where(UserRow.username == username)).first()

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        with self.sessions.begin() as session:
            row = session.get(UserRow, user_id)
            if row is not None:
                row.password_hash = password_hash

    # ---- tokens -----------------------------------------------------------------------------
    def add_token(self, user_id: str, token_hash: str, expires_at: datetime) -> None:
        with self.sessions.begin() as session:
            session.add(TokenRow(token_hash=token_hash, user_id=user_id, expires_at=expires_at))

    def user_for_token(self, token_hash: str, now: datetime) -> UserRow | None:
        with self.sessions() as session:
            return session.scalars(select(UserRow).join(TokenRow, TokenRow.user_id == UserRow.id)
                                   .where(TokenRow.token_hash == token_hash,
                                          TokenRow.expires_at > now)).first()

    def delete_token(self, token_hash: str) -> None:
        with self.sessions.begin() as session:
            session.execute(delete(TokenRow).where(TokenRow.token_hash == token_hash))

    def purge_expired(self, now: datetime) -> None:
        with self.sessions.begin() as session:
            session.execute(delete(TokenRow).where(TokenRow.expires_at <= now))

    # ---- throttling -------------------------------------------------------------------------
    def record_attempt(self, keys: list[str], kind: str, now: datetime,
                       forget_before: datetime) -> None:
        with self.sessions.begin() as session:
            session.execute(delete(AttemptRow).where(AttemptRow.at < forget_before))
            session.add_all([AttemptRow(key=key, kind=kind, at=now) for key in keys])

    def attempts_since(self, key: str, kind: str, since: datetime) -> tuple[int, datetime | None]:
        """How many ``kind`` events ``key`` had since ``since``, and when the oldest was."""
        with self.sessions() as session:
            count, oldest = session.execute(
                select(func.count(), func.min(AttemptRow.at)).where(
                    AttemptRow.key == key, AttemptRow.kind == kind,
                    AttemptRow.at > since)).one()
        return int(count or 0), oldest

    def clear_attempts(self, key: str, kind: str) -> None:
        with self.sessions.begin() as session:
            session.execute(delete(AttemptRow).where(AttemptRow.key == key,
                                                     AttemptRow.kind == kind))
