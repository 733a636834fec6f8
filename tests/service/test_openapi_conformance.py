"""A property-based run over the OpenAPI document (schemathesis), in accounts mode on SQLite: no
server error and no response that contradicts the document (status codes, bodies, headers,
content types, invalid data rejected, valid data accepted, auth enforced where declared).

The example count is bounded (``MAX_EXAMPLES`` per operation) to keep CI short. Deleting the
account and logging out are left out (they would end the session mid-run); their own tests cover
them.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from service.config import AuthSettings, Settings
from service.main import create_app

MAX_EXAMPLES = 10


class StartedApp:
    """The ASGI app schemathesis calls: the already started app of the ``api`` fixture (set by
    the fixture), without a lifespan of its own — schemathesis restarts an app's lifespan for
    every operation, seconds of model loading each."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})


STARTED = StartedApp()
DOCUMENT = create_app(Settings(auth=AuthSettings(mode="accounts"))).openapi()  # no start-up
schema = schemathesis.openapi.from_dict(DOCUMENT).exclude(
    path_regex=r"^/v1/(me|auth/logout)$", method=["DELETE", "POST"])
schema.app = STARTED


@pytest.fixture
def auth_headers(api: Any) -> dict[str, str]:
    STARTED.app = api.client.app
    return api.headers("schema-user")


@pytest.mark.parametrize("api", ["sqlite"], indirect=True)  # one database is enough here
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_api_matches_its_document(case, auth_headers) -> None:  # type: ignore[no-untyped-def]
    excluded = []
    if case.operation.path == "/v1/resumes" and case.method == "POST":
        # The document can say "a file", not "a readable PDF/DOCX/Markdown/text résumé": a
        # schema-valid upload of other bytes is refused (415/422, documented) by design. Nor can
        # a multipart body be "of the wrong type": a "number" in the file part arrives as the
        # text "-1.17…", which is a readable plain-text upload (the route's own tests cover
        # what it refuses).
        excluded += [positive_data_acceptance, negative_data_rejection]
    case.call_and_validate(headers=auth_headers, excluded_checks=excluded)
