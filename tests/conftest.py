"""Shared fixtures: real embedding model, real FAISS index, real service, both databases.

The model conversion and the index are cached under ``KAODA_TEST_HOME`` (default
``~/.cache/kaoda-test``) so repeated local runs reuse them; each test that writes data gets its
own temporary database.

``client`` is the service in local mode (no login) on SQLite. ``api`` is the service in accounts
mode, once per database backend (SQLite and a throwaway PostgreSQL server, see
:mod:`pg_cluster`): the tests that use it run twice. Its TestClient acts as the user ``alice``
(a bearer token in its headers); ``api.headers("bob")`` logs in (registering on first use)
another user. Without PostgreSQL's binaries the PostgreSQL half is skipped, except under
``CI=true`` where that is a failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent / "evaluators"))  # sandbox_helpers
sys.path.insert(0, str(Path(__file__).parent))  # pg_cluster
from pg_cluster import BACKENDS, PostgresCluster, PostgresUnavailable, database_url

TEST_HOME = Path(os.environ.get("KAODA_TEST_HOME", Path.home() / ".cache" / "kaoda-test"))


@pytest.fixture(scope="session")
def settings():  # type: ignore[no-untyped-def]
    from service.config import SandboxSettings, Settings

    return Settings(home=TEST_HOME, sandbox=SandboxSettings(workers=2))


@pytest.fixture(scope="session")
def knowledge_base(settings):  # type: ignore[no-untyped-def]
    from service.components import open_knowledge_base

    return open_knowledge_base(settings)


@pytest.fixture(scope="session")
def client(settings, tmp_path_factory) -> Iterator:  # type: ignore[no-untyped-def]
    """The service in local mode (no login) over a fresh SQLite database."""
    from fastapi.testclient import TestClient

    from service.main import create_app

    db = tmp_path_factory.mktemp("local-db") / "kaoda.db"
    local = settings.model_copy(update={"db": settings.db.model_copy(
        update={"url": f"sqlite:///{db}"})})
    with TestClient(create_app(local)) as test_client:
        yield test_client


PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@dataclass
class Api:
    """The TestClient (as alice) plus helpers for other users."""

    client: Any
    backend: str
    db_url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str) -> str:
        if username not in self.tokens:
            body = {"username": username, "password": PASSWORD}
            registered = self.client.post("/v1/auth/register", json=body, headers={})
            assert registered.status_code in (201, 409), registered.text
            login = self.client.post("/v1/auth/login", json=body)
            assert login.status_code == 200, login.text
            self.tokens[username] = login.json()["access_token"]
        return self.tokens[username]

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username)}"}

    def __getattr__(self, name: str) -> Any:  # api.get/post/... act as alice
        return getattr(self.client, name)


@pytest.fixture(scope="session", params=BACKENDS)
def api(request: pytest.FixtureRequest, settings, tmp_path_factory) -> Iterator[Api]:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from service.config import AuthSettings, DatabaseSettings, SandboxSettings
    from service.main import create_app

    backend = request.param
    url = database_url(backend, request, tmp_path_factory.mktemp(f"api-{backend}"), "api")
    configured = settings.model_copy(update={
        "db": DatabaseSettings(url=url), "sandbox": SandboxSettings(workers=1),
        "auth": AuthSettings(mode="accounts", register_max_per_window=10_000,
                             login_max_failures=1_000)})
    with TestClient(create_app(configured)) as test_client:
        api = Api(test_client, backend, url)
        test_client.headers.update(api.headers("alice"))
        yield api
