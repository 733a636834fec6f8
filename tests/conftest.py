"""Shared fixtures: real embedding model, real FAISS index, real service.

The model conversion and the index are cached under ``KAODA_TEST_HOME`` (default
``~/.cache/kaoda-test``) so repeated local runs reuse them; each test that writes data gets its
own temporary database.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "evaluators"))  # sandbox_helpers

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
