"""Accounts in the UI: a login/register page in accounts mode (and nothing else until logged in),
logout; in local mode no login page at all; one's own data page (export, delete) in AppTest."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from ui_procs import ROOT, free_port

APP = ROOT / "ui" / "app.py"


def _no_errors(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [str(e.value) for e in at.error]


@pytest.fixture
def accounts_url(api: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The accounts-mode service of ``api`` (already started) served over HTTP for the UI."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(api.client.app, host="127.0.0.1", port=port,
                                           lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    monkeypatch.setenv("KAODA_UI_API", url)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _submit(at: Any, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


@pytest.mark.parametrize("api", ["sqlite"], indirect=True)
def test_accounts_mode_login_register_logout(accounts_url: str) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    _no_errors(at)
    assert at.title[0].value == "登录拷打"  # nothing else is reachable before logging in
    at.text_input(key="register_username").set_value("ui_user")
    at.text_input(key="register_password").set_value("a long password")
    _submit(at, "注册")
    _no_errors(at)
    assert at.session_state["auth_token"]
    assert at.title[0].value == "开始一场模拟面试"  # the interview page, as this user
    assert any("已登录：ui_user" in str(c.value) for c in at.sidebar.caption)
    at.switch_page("views/account.py").run()
    _no_errors(at)
    assert any("ui_user" in str(c.value) for c in at.caption)
    token = at.session_state["auth_token"]
    at.sidebar.button(key="logout").click().run()
    assert at.title[0].value == "登录拷打"
    assert httpx.get(f"{accounts_url}/v1/me",
                     headers={"Authorization": f"Bearer {token}"}).status_code == 401
    at.text_input(key="login_username").set_value("UI_USER")
    at.text_input(key="login_password").set_value("wrong password!")
    _submit(at, "登录")
    assert at.error and "wrong username or password" in str(at.error[0].value)
    assert "auth_token" not in at.session_state


def test_local_mode_has_no_login_and_deletes_everything(app: Any, ui_env: str) -> None:
    resume = httpx.post(f"{ui_env}/v1/resumes", files={"file": (
        "cv.md", (ROOT / "tests/service/fixtures/resumes/zh_cv_intern.md").read_bytes(),
        "text/markdown")}).json()
    app.run()
    _no_errors(app)
    assert app.title[0].value == "开始一场模拟面试" and not app.sidebar.button
    app.switch_page("views/account.py").run()
    _no_errors(app)
    assert app.get("download_button")  # the export
    app.button(key=f"delete_resume_{resume['id']}").click().run()
    _no_errors(app)
    assert httpx.get(f"{ui_env}/v1/resumes/{resume['id']}").status_code == 404
