"""Who is asking: one implicit user (local mode) or registered accounts with bearer tokens.

``KAODA_AUTH__MODE=local`` (the default) is one person on their own machine: every request acts
as the implicit user :data:`~service.storage.tables.LOCAL_USER_ID`, there is no login, and the
service refuses to listen on anything but a loopback address. ``accounts`` is a shared server:

* ``POST /v1/auth/register`` creates an account; the password is hashed with Argon2id
  (``argon2-cffi``), never stored.
* ``POST /v1/auth/login`` returns an opaque bearer token; only its SHA-256 is stored, with an
  expiry (``KAODA_AUTH__TOKEN_TTL_HOURS``), so every worker process and a restart agree on it and
  ``POST /v1/auth/logout`` revokes it at once.
* Failed logins are counted in the database per username and per client address; past
  ``KAODA_AUTH__LOGIN_MAX_FAILURES`` in ``KAODA_AUTH__LOGIN_WINDOW_S`` the next attempt is
  answered 429 with ``Retry-After`` (also across processes).

Exceptions (:mod:`.errors`) map to 401 / 404 / 409 / 429 in :mod:`service.errors`.
"""
