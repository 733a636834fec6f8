"""Alembic's environment: always online, on the connection :mod:`service.storage.migrate` gives.

The runner holds a lock for the whole upgrade (PostgreSQL: an advisory transaction lock; SQLite:
``BEGIN IMMEDIATE``), so several processes starting at once (``kaoda serve --workers N``) migrate
the database exactly once.
"""

from __future__ import annotations

from alembic import context

from service.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the `alembic` command line is not the entry point
    raise RuntimeError("run migrations with `kaoda db upgrade` (service.storage.migrate)")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():  # joins the runner's transaction (and its lock)
    context.run_migrations()
