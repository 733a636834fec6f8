"""The database: SQLite by default (one file under ``KAODA_HOME``), PostgreSQL for many users.

:func:`open_database` creates the engine, migrates the schema (Alembic, see
:mod:`service.storage.migrate`) and returns a :class:`Database` with two session factories:

* ``sessions`` — ordinary short transactions;
* ``locking`` — transactions that take the write lock for a turn: on PostgreSQL the store adds
  ``SELECT … FOR UPDATE`` on the interview row (other interviews are not blocked); SQLite has no
  row locks, so these transactions start with ``BEGIN IMMEDIATE`` and hold the database's single
  writer lock (turns are serialised database-wide — fine for one person or a small group; use
  PostgreSQL beyond that).

SQLite files are created readable only by their owner (0600), with ``secure_delete`` on so that
deleted rows are overwritten, and :meth:`Database.scrub` checkpoints and truncates the write-ahead
log after a deletion so no copy of the deleted rows stays in the WAL file either.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from service.storage.migrate import upgrade

DB_FILE_MODE = 0o600


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean the bundled driver (psycopg 3)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


def _private_file(path: Path) -> None:
    """Create the database file (and its folder) for the owner only; tighten an existing one."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, DB_FILE_MODE)
    os.close(fd)
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, DB_FILE_MODE)


def _sqlite_events(engine: Engine, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={busy_ms}",
                       "synchronous=NORMAL", "secure_delete=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    def __init__(self, engine: Engine, lock_timeout_s: float) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.lock_timeout_s = lock_timeout_s
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.locking = sessionmaker(engine.execution_options(sqlite_begin="IMMEDIATE"),
                                    expire_on_commit=False)

    def scrub(self) -> None:
        """After a deletion: leave no copy of deleted rows in the write-ahead log (SQLite)."""
        if self.dialect == "sqlite":
            with self.engine.connect() as connection:
                connection.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()


def create_database_engine(url: str, *, pool_size: int = 10, max_overflow: int = 30,
                           lock_timeout_s: float = 60.0) -> Engine:
    url = normalize_url(url)
    path = sqlite_path(url)
    if path is not None:
        _private_file(path)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False,
                                                  "timeout": lock_timeout_s})
        _sqlite_events(engine, int(lock_timeout_s * 1000))
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=max_overflow,
                         pool_pre_ping=True, pool_timeout=lock_timeout_s)


def open_database(url: str, *, pool_size: int = 10, max_overflow: int = 30,
                  lock_timeout_s: float = 60.0, migrate: bool = True) -> Database:
    """Create the engine, bring the schema to the newest revision, return the database."""
    engine = create_database_engine(url, pool_size=pool_size, max_overflow=max_overflow,
                                    lock_timeout_s=lock_timeout_s)
    if migrate:
        upgrade(engine)
    return Database(engine, lock_timeout_s)
