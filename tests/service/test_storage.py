"""Storage on SQLite and PostgreSQL: migrations, ownership, turn locking and numbering, deletion
that leaves no trace in the file, the throttle and token expiry."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from argon2 import PasswordHasher
from pg_cluster import BACKENDS, database_url
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from service.auth.errors import BadCredentials, TooManyAttempts, Unauthenticated
from service.auth.passwords import Passwords
from service.auth.service import AuthService
from service.auth.store import UserStore
from service.config import AuthSettings
from service.interview_store import InterviewBusy, InterviewStore, NotFound
from service.storage.db import Database, create_database_engine, open_database
from service.storage.migrate import current_revision, head_revision, upgrade
from service.storage.tables import LOCAL_USER_ID, Base, TurnRow


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_url(request.param, request, tmp_path, f"s{uuid.uuid4().hex[:12]}")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url, lock_timeout_s=1.0)
    yield database
    database.dispose()


def _interview(store: InterviewStore, user_id: str = LOCAL_USER_ID) -> str:
    return store.create_interview(user_id, track="cv-intern", language="zh", length="short",
                                  stage="intro", resume_id=None, state={"stage": "intro"},
                                  opening={"role": "interviewer", "stage": "intro",
                                           "kind": "greet_and_ask_intro", "content": "hi"}).id


def test_migrations_reach_head_and_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        assert current_revision(connection) == head_revision() == "0003"
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    open_database(str(db.engine.url.render_as_string(hide_password=False))).dispose()  # again


def test_legacy_database_is_upgraded_keeping_every_row(db_url: str) -> None:
    """A database made by the hand-written migration v1 (no owners), with the old race's
    duplicate turn number: every row is kept, owned by the local user, renumbered in order."""
    engine = create_database_engine(db_url)
    upgrade(engine, "0001")  # the same schema v1 created
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("CREATE TABLE kaoda_schema_version "
                                "(version INTEGER PRIMARY KEY, description TEXT NOT NULL)"))
        connection.execute(text("INSERT INTO kaoda_schema_version VALUES (1, 'initial')"))
        connection.execute(text(
            "INSERT INTO resumes VALUES ('r1', :now, 'cv.md', 'markdown', 'text', '[]', '{}')"),
            {"now": now})
        connection.execute(text(
            "INSERT INTO interviews VALUES ('i1', :now, :now, 'cv-intern', 'zh', 'short', "
            "'active', 'intro', 'r1', '{}', NULL)"), {"now": now})
        for seq, content in [(0, "hello"), (1, "answer A"), (1, "answer B"), (2, "reply")]:
            connection.execute(text(
                "INSERT INTO turns (interview_id, seq, created_at, role, stage, kind, content) "
                "VALUES ('i1', :seq, :now, 'candidate', 'intro', 'answer', :content)"),
                {"seq": seq, "now": now, "content": content})
    engine.dispose()
    db = open_database(db_url)
    store = InterviewStore(db)
    assert store.get_resume(LOCAL_USER_ID, "r1").filename == "cv.md"
    interview = store.get_interview(LOCAL_USER_ID, "i1")
    assert interview.next_seq == 4 and interview.resume_id == "r1"
    assert [(t.seq, t.content) for t in store.turns("i1")] == [
        (0, "hello"), (1, "answer A"), (2, "answer B"), (3, "reply")]
    with db.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
    db.dispose()


def test_turn_numbers_are_unique_per_interview(db: Database) -> None:
    store = InterviewStore(db)
    interview_id = _interview(store)
    with pytest.raises(IntegrityError), db.sessions.begin() as session:
        session.add(TurnRow(interview_id=interview_id, seq=0, role="candidate", stage="intro",
                            kind="answer", content="dup"))


def test_a_second_turn_waits_for_the_first_and_sees_its_rows(db: Database) -> None:
    store = InterviewStore(db)
    interview_id = _interview(store)
    order: list[str] = []

    def first() -> None:
        with store.locked_interview(LOCAL_USER_ID, interview_id) as locked:
            order.append("first locked")
            locked.append(role="candidate", stage="intro", kind="answer", content="one")
            time.sleep(0.4)
            order.append("first commits")

    thread = threading.Thread(target=first)
    thread.start()
    while not order:
        time.sleep(0.01)
    with store.locked_interview(LOCAL_USER_ID, interview_id) as locked:
        order.append("second locked")
        assert locked.row.next_seq == 2 and locked.row.version == 2
        locked.append(role="candidate", stage="intro", kind="answer", content="two")
    thread.join()
    assert order == ["first locked", "first commits", "second locked"]
    assert [(t.seq, t.content) for t in store.turns(interview_id)] == [
        (0, "hi"), (1, "one"), (2, "two")]


def test_a_turn_held_too_long_answers_busy(db: Database) -> None:
    store = InterviewStore(db)
    interview_id = _interview(store)
    holding = threading.Event()

    def hold() -> None:
        with store.locked_interview(LOCAL_USER_ID, interview_id):
            holding.set()
            time.sleep(2.5)  # longer than the database's lock timeout (1 s)

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait()
    with pytest.raises(InterviewBusy), store.locked_interview(LOCAL_USER_ID, interview_id):
        pass
    thread.join()


def test_rows_of_another_user_are_not_found(db: Database) -> None:
    store = InterviewStore(db)
    other = UserStore(db).create_user("someone", "x").id
    resume = store.save_resume(other, "cv.md", "markdown", "text", [], {})
    interview_id = _interview(store, other)
    for call in (lambda: store.get_resume(LOCAL_USER_ID, resume.id),
                 lambda: store.get_interview(LOCAL_USER_ID, interview_id),
                 lambda: store.delete_interview(LOCAL_USER_ID, interview_id),
                 lambda: store.delete_resume(LOCAL_USER_ID, resume.id)):
        with pytest.raises(NotFound):
            call()
    with pytest.raises(NotFound), store.locked_interview(LOCAL_USER_ID, interview_id):
        pass
    assert store.list_interviews(LOCAL_USER_ID) == [] and store.list_resumes(LOCAL_USER_ID) == []


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_login_throttle_and_token_expiry(db: Database) -> None:
    clock = Clock()
    auth = AuthService(AuthSettings(mode="accounts", login_max_failures=3, login_window_s=60,
                                    token_ttl_hours=1), UserStore(db),
                       Passwords(PasswordHasher(time_cost=1, memory_cost=1024)), clock)
    auth.register("mallory", "the right password", "10.0.0.1")
    for _ in range(3):
        with pytest.raises(BadCredentials):
            auth.login("mallory", "guess", "10.0.0.2")
    with pytest.raises(TooManyAttempts) as throttled:
        auth.login("mallory", "the right password", "10.0.0.3")  # even the right one waits
    assert 1 <= throttled.value.retry_after_s <= 61
    clock.now += timedelta(seconds=61)
    token, expires_at = auth.login("mallory", "the right password", "10.0.0.3")
    assert auth.authenticate(token).username == "mallory"
    assert expires_at == clock.now + timedelta(hours=1)
    clock.now += timedelta(hours=1, seconds=1)
    with pytest.raises(Unauthenticated):
        auth.authenticate(token)
    for n in range(30):  # one address guessing many usernames is throttled too (3 x 10)
        with pytest.raises(BadCredentials):
            auth.login(f"nobody{n}", "guess", "10.0.0.9")
    with pytest.raises(TooManyAttempts):
        auth.login("mallory", "the right password", "10.0.0.9")


def _files(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_sqlite_file_is_private_and_deleted_rows_leave_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "private.db"
    db = open_database(f"sqlite:///{path}")
    store = InterviewStore(db)
    marker = f"MARKER-{uuid.uuid4().hex}"
    resume = store.save_resume(LOCAL_USER_ID, "cv.md", "markdown", f"{marker} phone 13800000000",
                               [], {})
    interview_id = _interview(store)
    with store.locked_interview(LOCAL_USER_ID, interview_id) as locked:
        locked.append(role="candidate", stage="intro", kind="answer", content=f"{marker} turn")
    db.scrub()
    assert marker.encode() in _files(path)
    store.delete_resume(LOCAL_USER_ID, resume.id)
    store.delete_interview(LOCAL_USER_ID, interview_id)
    assert marker.encode() not in _files(path)
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            assert os.stat(candidate).st_mode & 0o777 == 0o600, candidate
    db.dispose()
