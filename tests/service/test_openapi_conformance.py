"""A property-based run over the OpenAPI document (schemathesis), in accounts mode on SQLite: no
server error and no response that contradicts the document (status codes, bodies, headers,
content types, invalid data rejected, valid data accepted, auth enforced where declared).

The example count is bounded (``MAX_EXAMPLES`` per operation) to keep CI short. Deleting the
account and logging out are left out (they would end the session mid-run); their own tests cover
them. The app is built at import (schemathesis reads its document then) and started by the
module's fixture.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from service.config import AuthSettings, DatabaseSettings, SandboxSettings, Settings
from service.main import create_app

MAX_EXAMPLES = 10
TEST_HOME = Path(os.environ.get("KAODA_TEST_HOME", Path.home() / ".cache" / "kaoda-test"))
DB_DIR = Path(tempfile.mkdtemp(prefix="kaoda-schema-"))
APP = create_app(Settings(
    home=TEST_HOME, sandbox=SandboxSettings(workers=1),
    db=DatabaseSettings(url=f"sqlite:///{DB_DIR / 'schema.db'}"),
    auth=AuthSettings(mode="accounts", register_max_per_window=100_000,
                      login_max_failures=1000)))


class StartedApp:
    """The app for schemathesis, without its lifespan: schemathesis restarts an app's lifespan
    for every operation (seconds of model loading each); the module's fixture runs it once."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})


schema = schemathesis.openapi.from_asgi("/openapi.json", StartedApp(APP)).exclude(
    path_regex=r"^/v1/(me|auth/logout)$", method=["DELETE", "POST"])


@pytest.fixture(scope="module")
def auth_headers() -> Iterator[dict[str, str]]:
    from fastapi.testclient import TestClient

    credentials = {"username": "schema-user", "password": "a long password"}
    try:
        with TestClient(APP) as client:
            assert client.post("/v1/auth/register", json=credentials).status_code == 201
            token = client.post("/v1/auth/login", json=credentials).json()["access_token"]
            yield {"Authorization": f"Bearer {token}"}
    finally:
        shutil.rmtree(DB_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_api_matches_its_document(case, auth_headers) -> None:  # type: ignore[no-untyped-def]
    excluded = []
    if case.operation.path == "/v1/resumes" and case.method == "POST":
        # The document can say "a file", not "a readable PDF/DOCX/Markdown/text résumé": a
        # schema-valid upload of other bytes is refused (415/422, documented) by design.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=auth_headers, excluded_checks=excluded)
