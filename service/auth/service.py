"""Registering, logging in and out, and resolving a bearer token to its user."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from service.auth.errors import (
    AccountsDisabled,
    BadCredentials,
    TooManyAttempts,
    Unauthenticated,
)
from service.auth.passwords import Passwords
from service.auth.store import UserStore
from service.config import AuthSettings
from service.storage.tables import LOCAL_USER_ID, UserRow

LOGIN_FAILURE, REGISTRATION = "login_failure", "register"
# Many people may share one address (a classroom behind NAT): an address gets more failures
# than a username before it is throttled, so one person's typos do not lock out the room.
ADDRESS_FACTOR = 10


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


class AuthService:
    def __init__(self, settings: AuthSettings, users: UserStore, passwords: Passwords,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.settings, self.users, self.passwords, self.clock = settings, users, passwords, clock
        self._local: UserRow | None = None

    @property
    def mode(self) -> str:
        return self.settings.mode

    def local_user(self) -> UserRow:
        if self._local is None:
            self._local = self.users.get_user(LOCAL_USER_ID)
            if self._local is None:  # pragma: no cover - the migrations create it
                raise RuntimeError("the local user is missing: run `kaoda db upgrade`")
        return self._local

    def _require_accounts(self) -> None:
        if self.mode != "accounts":
            raise AccountsDisabled("accounts are off: this service runs in local mode "
                                   "(one implicit user, no login); set KAODA_AUTH__MODE=accounts")

    # ---- throttling -------------------------------------------------------------------------
    def _check(self, key: str, kind: str, limit: int) -> None:
        window = timedelta(seconds=self.settings.login_window_s)
        now = self.clock()
        count, oldest = self.users.attempts_since(key, kind, now - window)
        if count >= limit and oldest is not None:
            wait = int((_as_utc(oldest) + window - now).total_seconds()) + 1
            what = "failed logins" if kind == LOGIN_FAILURE else "registrations"
            raise TooManyAttempts(f"too many {what}; try again in {wait} s", wait)

    def _record(self, keys: list[str], kind: str) -> None:
        now = self.clock()
        self.users.record_attempt(keys, kind, now,
                                  now - timedelta(seconds=self.settings.login_window_s))

    # ---- accounts ---------------------------------------------------------------------------
    def register(self, username: str, password: str, client: str) -> UserRow:
        self._require_accounts()
        key = f"ip:{client}"
        self._check(key, REGISTRATION, self.settings.register_max_per_window)
        self._record([key], REGISTRATION)
        return self.users.create_user(username.lower(), self.passwords.hash(password))

    def login(self, username: str, password: str, client: str) -> tuple[str, datetime]:
        """Return ``(token, expires_at)``; throttled per username and per client address."""
        self._require_accounts()
        name = username.lower()
        keys = [f"user:{name}", f"ip:{client}"]
        limit = self.settings.login_max_failures
        self._check(keys[0], LOGIN_FAILURE, limit)
        self._check(keys[1], LOGIN_FAILURE, limit * ADDRESS_FACTOR)
        user = self.users.find_user(name)
        if user is None or not self.passwords.verify(user.password_hash, password):
            self._record(keys, LOGIN_FAILURE)
            raise BadCredentials("wrong username or password")
        assert user.password_hash is not None
        if self.passwords.needs_rehash(user.password_hash):
            self.users.set_password_hash(user.id, self.passwords.hash(password))
        self.users.clear_attempts(keys[0], LOGIN_FAILURE)
        return self._issue(user)

    def _issue(self, user: UserRow) -> tuple[str, datetime]:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        expires_at = now + timedelta(hours=self.settings.token_ttl_hours)
        self.users.purge_expired(now)
        self.users.add_token(user.id, token_hash(token), expires_at)
        return token, expires_at

    def authenticate(self, token: str | None) -> UserRow:
        if self.mode != "accounts":
            return self.local_user()
        if not token:
            raise Unauthenticated("log in first: send `Authorization: Bearer <token>` "
                                  "(POST /v1/auth/login)")
        user = self.users.user_for_token(token_hash(token), self.clock())
        if user is None:
            raise Unauthenticated("the token is unknown, revoked or expired; log in again")
        return user

    def logout(self, token: str | None) -> None:
        if self.mode == "accounts" and token:
            self.users.delete_token(token_hash(token))
