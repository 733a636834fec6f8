"""Versioned schema migrations.

Each migration is a numbered step run once, in order, inside a transaction, and recorded in
``kaoda_schema_version``. Add a new step for every schema change; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, text

from service.storage.tables import Base


def _v1_initial(conn: Connection) -> None:
    Base.metadata.create_all(conn)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema: resumes, interviews, turns", _v1_initial),
]


def current_version(conn: Connection) -> int:
    conn.execute(text("CREATE TABLE IF NOT EXISTS kaoda_schema_version "
                      "(version INTEGER PRIMARY KEY, description TEXT NOT NULL)"))
    value = conn.execute(text("SELECT MAX(version) FROM kaoda_schema_version")).scalar()
    return int(value or 0)


def migrate(engine: Engine) -> int:
    """Apply every pending migration; return the schema version now in force."""
    with engine.begin() as conn:
        version = current_version(conn)
        for number, description, step in MIGRATIONS:
            if number > version:
                step(conn)
                conn.execute(text("INSERT INTO kaoda_schema_version VALUES (:v, :d)"),
                             {"v": number, "d": description})
                version = number
    return version
