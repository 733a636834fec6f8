"""The authentication exception tree (mapped to HTTP statuses in :mod:`service.errors`)."""

from __future__ import annotations


class AuthError(Exception):
    """Base of authentication and account errors."""


class Unauthenticated(AuthError):
    """No valid bearer token: missing, unknown, revoked or expired (401)."""


class BadCredentials(Unauthenticated):
    """Wrong username or password (401; the message does not say which)."""


class UsernameTaken(AuthError):
    """Registration with a username that already exists (409)."""


class AccountsDisabled(AuthError):
    """Register / login in local mode, where there is one implicit user (404)."""


class TooManyAttempts(AuthError):
    """Throttled: too many failed logins or registrations (429 with ``Retry-After``)."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = max(1, retry_after_s)
