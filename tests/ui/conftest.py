"""UI tests run against a REAL service: one per test session, on a free port, offline brain.

The service is started as its own process (``python -m service.cli serve``) with the shared
model/index cache (``KAODA_TEST_HOME``, default ``~/.cache/kaoda-test``) and a fresh SQLite
database under the session's temporary directory; no LLM endpoint is configured, so the offline
brain speaks. The UI talks to it over HTTP exactly as in production (``KAODA_UI_API``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from ui_procs import ROOT, free_port, service_env, stop, wait_until

APP = ROOT / "ui" / "app.py"
START_TIMEOUT_S = float(os.environ.get("KAODA_UI_TEST_START_TIMEOUT", "600"))


@pytest.fixture(scope="session")
def service_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("ui-service")
    port = free_port()
    log = workdir / "service.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port",
             str(port)], cwd=ROOT, env=service_env(workdir), stdout=out,
            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(f"{url}/readyz", process, log, START_TIMEOUT_S)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def finished_interview(service_url: str) -> str:
    from ui_driver import finish_over_http

    return finish_over_http(service_url)


@pytest.fixture
def ui_env(service_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the in-process UI (AppTest) at the test service."""
    monkeypatch.setenv("KAODA_UI_API", service_url)
    return service_url


@pytest.fixture
def app(ui_env: str):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(APP), default_timeout=120)
