"""Running the Alembic migrations: on start-up and by ``kaoda db upgrade``.

:func:`upgrade` brings any database to the newest revision under a lock, so that several worker
processes starting together migrate it once. A database created by the hand-written migrations
that came before Alembic (a ``kaoda_schema_version`` table at version 1) is stamped with revision
``0001`` — the same schema — and upgraded from there, keeping every row.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
LEGACY_TABLE = "kaoda_schema_version"
_PG_LOCK_KEY = 0x6B616F6461  # "kaoda": one advisory lock for every migrating process


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _stamp_legacy(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names())
    if LEGACY_TABLE in tables and "alembic_version" not in tables:
        command.stamp(alembic_config(connection), "0001")
        connection.execute(text(f"DROP TABLE {LEGACY_TABLE}"))


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    # Outside any transaction (SQLite ignores the pragma inside one): batch migrations copy and
    # drop tables that other tables reference.
    connection.connection.dbapi_connection.execute(  # type: ignore[union-attr]
        f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Migrate to ``revision`` (default: the newest); return the revision now in force."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.execution_options(sqlite_begin="IMMEDIATE").begin():
                if not sqlite:
                    connection.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                       {"k": _PG_LOCK_KEY})
                _stamp_legacy(connection)
                command.upgrade(alembic_config(connection), revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migrated database breaks a foreign key")
                now = current_revision(connection)
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)
    return now or "base"
