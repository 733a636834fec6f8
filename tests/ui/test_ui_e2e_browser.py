"""End to end in real headless Chromium: service + `streamlit run`, a whole interview by hand.

Uploads a résumé, answers until the coding stage, writes code in the real code editor (the
``streamlit-code-editor`` component's Ace instance), runs the tests, submits, finishes, opens
the review page and checks the scores and charts. Screenshots go to the test's ``tmp_path``.
Only Debian's ``/usr/bin/chromium`` is used; no browser is downloaded.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from ui_driver import RESUME, answer, last_question, transcript
from ui_procs import ROOT, free_port, stop, wait_until

CHROMIUM = Path(os.environ.get("KAODA_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MESSAGES = '[data-testid="stChatMessage"]'

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is missing: run scripts/ensure_browser.sh")


@pytest.fixture
def ui_url(service_url: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = {**os.environ, "KAODA_UI_API": service_url, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(f"{url}/_stcore/health", process, log, 60)
        yield url
    finally:
        stop(process)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=ARGS, viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        context.set_default_timeout(60_000)
        try:
            yield context.new_page()
        finally:
            context.close()


def _idle(page: Any) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, state="attached")


def _messages_reach(page: Any, count: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('{MESSAGES}').length >= {count}")
    _idle(page)


def _shot(page: Any, path: Path) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main block, so grow the window."""
    height = page.evaluate("() => Math.max(document.body.scrollHeight,"
                           " ...Array.from(document.querySelectorAll('*'), e => e.scrollHeight))")
    page.set_viewport_size({"width": 1440, "height": max(1000, min(int(height) + 50, 8000))})
    page.wait_for_timeout(700)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.wait_for_timeout(300)


def _set_editor_code(page: Any, code: str) -> None:
    """Type into the Ace editor the way the component sees it (its own editor API)."""
    frame = next(f for f in page.frames if "code_editor" in f.url)
    frame.wait_for_selector(".ace_editor")
    frame.evaluate("(code) => document.querySelector('.ace_editor').env.editor.setValue(code, 1)",
                   code)
    page.wait_for_timeout(800)  # the component's change debounce, then a rerun
    _idle(page)


def _shown_turns(data: dict[str, Any]) -> int:
    return sum(1 for t in data["turns"] if t["role"] in ("interviewer", "candidate"))


def _answer_in_browser(page: Any, service_url: str, interview_id: str,
                       submitted: set[str], shots: Path) -> None:
    data = transcript(service_url, interview_id)
    directive = last_question(data)
    how, text = answer(service_url, directive, submitted)
    if how == "code":
        _set_editor_code(page, text)
        _shot(page, shots / "03-coding.png")
        page.get_by_role("button", name="提交").click()
    else:
        box = page.get_by_test_id("stChatInputTextArea")
        box.fill(text)
        box.press("Enter")
    _messages_reach(page, _shown_turns(data) + 2)


def test_whole_interview_in_chromium(page: Any, ui_url: str, service_url: str,
                                     tmp_path: Path) -> None:
    shots = tmp_path
    page.goto(ui_url)
    page.get_by_text("开始一场模拟面试").wait_for()
    page.get_by_test_id("stSelectbox").filter(has_text="面试时长").click()
    page.get_by_role("option", name=re.compile("^短")).click()
    _idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(RESUME))
    page.get_by_text("识别出的项目").wait_for()
    page.get_by_test_id("stDataFrame").wait_for()
    _idle(page)
    _shot(page, shots / "01-setup.png")
    page.get_by_role("button", name="开始面试").click()
    _messages_reach(page, 1)
    interview_id = parse_qs(urlparse(page.url).query)["interview"][0]
    page.get_by_text("当前阶段：自我介绍").wait_for()
    submitted: set[str] = set()
    for _ in range(40):
        if transcript(service_url, interview_id)["stage"] == "coding":
            break
        _answer_in_browser(page, service_url, interview_id, submitted, shots)
    _shot(page, shots / "02-chat.png")
    assert transcript(service_url, interview_id)["stage"] == "coding"
    # the coding stage: statement, a real editor with the starter, a practice run
    page.get_by_text("手撕代码：").first.wait_for()
    frame = next(f for f in page.frames if "code_editor" in f.url)
    frame.wait_for_selector(".ace_editor .ace_line")
    assert "def " in frame.locator(".ace_content").inner_text()  # pre-filled with the starter
    page.get_by_role("button", name="运行测试").click()
    page.get_by_text("这是练习运行").wait_for()
    _idle(page)
    for _ in range(20):
        if transcript(service_url, interview_id)["status"] == "finished":
            break
        _answer_in_browser(page, service_url, interview_id, submitted, shots)
    page.get_by_text("面试结束").wait_for()
    _shot(page, shots / "04-finished.png")
    report = httpx.get(f"{service_url}/v1/interviews/{interview_id}/report").json()["report"]
    assert report["coding"]["passed"]
    page.get_by_text("查看复盘报告").click()
    page.get_by_text("面试复盘").first.wait_for()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    _idle(page)
    overall = page.get_by_test_id("stMetric").first
    assert overall.get_by_test_id("stMetricValue").inner_text().strip() == \
        f"{report['overall']:.0f}"
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    assert page.locator(".js-plotly-plot .main-svg").count() >= 2  # rendered, not just mounted
    page.get_by_text("📝 得分").first.click()  # one graded answer: key points vs. reference
    page.get_by_text("参考答案").first.wait_for()
    _shot(page, shots / "05-review.png")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()  # whole-UI switch
    page.get_by_text("Interview review").wait_for()
    page.get_by_text("Scores by stage").first.wait_for()
    _idle(page)
    _shot(page, shots / "06-review-en.png")
    print(f"screenshots: {shots}")
