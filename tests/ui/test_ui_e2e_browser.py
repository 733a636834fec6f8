"""End to end in real headless Chromium: service + `streamlit run`, a candidate's whole journey.

One Streamlit server and one browser serve every test of this module (they start once: about
10 s). A whole interview by hand: résumé upload (the uploader speaks Chinese), the candidate's
own text shown as written, the approach explained before coding, code written in the real code
editor (the ``streamlit-code-editor`` component's Ace instance), a failing run whose Chinese test
messages wrap inside the chat column, the submission, the end. Then the review page with its
report and both downloads, Practice with a coding question in the same editor, and the English
UI kept across a reload. Screenshots of every step go to ``KAODA_SCREENSHOTS`` (default: the
test's temporary directory). Only Debian's ``/usr/bin/chromium`` is used; nothing is downloaded.
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

from evaluators.catalog import get_problem

CHROMIUM = Path(os.environ.get("KAODA_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MESSAGES = '[data-testid="stChatMessage"]'
MARKDOWN_BAIT = "参数量是 3*3*64*128 + 128，_不是斜体_"
APPROACH = "我的思路是先遍历输入逐步计算中间结果，然后汇总成输出。时间复杂度 O(n)，空间复杂度 O(n)，空输入单独处理。"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is missing: run scripts/ensure_browser.sh")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("KAODA_SCREENSHOTS")
    path = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def ui_url(service_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=ARGS, viewport={"width": 1440, "height": 1000}, locale="zh-CN",
            accept_downloads=True)
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()


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


def _editor_frame(page: Any) -> Any:
    """The code editor component's iframe, once it is attached (it mounts after its heading)."""
    page.locator('iframe[title*="code_editor"]').first.wait_for()
    for _ in range(100):
        frame = next((f for f in page.frames if "code_editor" in f.url), None)
        if frame is not None:
            return frame
        page.wait_for_timeout(100)
    raise AssertionError("the code editor's iframe never loaded")


def _set_editor_code(page: Any, code: str) -> None:
    """Type into the Ace editor the way the component sees it (its own editor API)."""
    frame = _editor_frame(page)
    frame.wait_for_selector(".ace_editor")
    frame.evaluate("(code) => document.querySelector('.ace_editor').env.editor.setValue(code, 1)",
                   code)
    page.wait_for_timeout(800)  # the component's change debounce, then a rerun
    _idle(page)


def _shown_turns(data: dict[str, Any]) -> int:
    return sum(1 for t in data["turns"] if t["role"] in ("interviewer", "candidate"))


def _type(page: Any, text: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")


def _answer_in_browser(page: Any, service_url: str, interview_id: str,
                       submitted: set[str], shots: Path) -> None:
    data = transcript(service_url, interview_id)
    how, text = answer(service_url, last_question(data), submitted)
    if how == "code":
        _set_editor_code(page, text)
        _shot(page, shots / "04-coding.png")
        page.get_by_role("button", name="提交").click()
    else:
        _type(page, text)
    _messages_reach(page, _shown_turns(data) + 2)


def _no_overflow(page: Any, selector: str) -> None:
    """Nothing inside ``selector`` is cut off: no element wider than the box it is drawn in."""
    clipped = page.evaluate("""(sel) => Array.from(document.querySelectorAll(sel)).flatMap(box =>
        Array.from(box.querySelectorAll('*')).filter(e => e.scrollWidth > e.clientWidth + 2
            && getComputedStyle(e).overflowX !== 'visible').map(e => e.className))""", selector)
    assert not clipped, clipped


def test_whole_interview_in_chromium(page: Any, ui_url: str, service_url: str,
                                     shots: Path) -> None:
    page.goto(ui_url)
    page.get_by_text("开始一场模拟面试").wait_for()
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    assert "Upload" not in dropzone.inner_text() and "per file" not in dropzone.inner_text()
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
    assert page.locator(".kaoda-timer").count() == 1  # the interview clock
    _type(page, MARKDOWN_BAIT)
    _messages_reach(page, 3)
    assert page.get_by_text(MARKDOWN_BAIT, exact=True).count() == 1  # shown as written
    submitted: set[str] = set()
    for _ in range(40):
        data = transcript(service_url, interview_id)
        if data["stage"] == "coding":
            break
        _answer_in_browser(page, service_url, interview_id, submitted, shots)
    _shot(page, shots / "02-chat.png")
    assert transcript(service_url, interview_id)["stage"] == "coding"
    _type(page, APPROACH)  # the approach first, as the interviewer asked
    _messages_reach(page, _shown_turns(data) + 2)
    assert transcript(service_url, interview_id)["turns"][-1]["kind"] == "coding_talk"
    page.get_by_text("手撕代码：").first.wait_for()
    frame = _editor_frame(page)
    frame.wait_for_selector(".ace_editor .ace_line")
    assert "def " in frame.locator(".ace_content").inner_text()  # pre-filled with the starter
    page.get_by_role("button", name="运行测试").click()  # the starter fails: Chinese messages
    page.get_by_text("这是练习运行").wait_for()
    _idle(page)
    table = page.get_by_test_id("stTable").last
    assert "信息" in table.inner_text() and "not run" not in table.inner_text()
    _no_overflow(page, '[data-testid="stTable"], [data-testid="stAlert"]')
    _shot(page, shots / "03-coding-run.png")
    for _ in range(20):
        if transcript(service_url, interview_id)["status"] == "finished":
            break
        _answer_in_browser(page, service_url, interview_id, submitted, shots)
    page.get_by_text("面试结束").wait_for()
    _shot(page, shots / "05-finished.png")
    report = httpx.get(f"{service_url}/v1/interviews/{interview_id}/report").json()["report"]
    assert report["coding"]["passed"] and report["coding"]["approach"]
    page.get_by_text("查看复盘报告").click()
    page.get_by_text("面试复盘").first.wait_for()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    _idle(page)
    overall = page.get_by_test_id("stMetric").first
    assert overall.get_by_test_id("stMetricValue").inner_text().strip() == \
        f"{report['overall']:.0f}"
    assert page.locator(".js-plotly-plot .main-svg").count() >= 2  # rendered, not just mounted
    page.get_by_text("📝 得分").first.click()  # one graded answer: key points vs. reference
    page.get_by_text("参考答案").first.wait_for()
    _shot(page, shots / "06-review-report.png")


def test_report_downloads_in_chromium(page: Any, ui_url: str, service_url: str,
                                      shots: Path) -> None:
    page.goto(f"{ui_url}/review")
    page.get_by_text("面试复盘").first.wait_for()
    _idle(page)
    history = page.locator(".js-plotly-plot").first
    history.locator(".xtick text").first.wait_for()
    ticks = history.locator(".xtick text").all_text_contents()  # SVG text has no innerText
    assert ticks and not any(re.search(r":\d\d\.\d{3}", tick) for tick in ticks)  # no ms
    with page.expect_download() as markdown:
        page.get_by_role("button", name="下载 Markdown 报告").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# 拷打面试报告") and "## 手撕代码" in text
    page.get_by_role("button", name="生成 PDF 报告").click()
    page.get_by_role("button", name="下载 PDF 报告").wait_for()
    with page.expect_download() as pdf:
        page.get_by_role("button", name="下载 PDF 报告").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    _shot(page, shots / "07-review.png")


def test_practice_coding_in_chromium(page: Any, ui_url: str, shots: Path) -> None:
    page.goto(f"{ui_url}/practice?q=nms")
    page.get_by_text("手撕代码：").first.wait_for()
    frame = _editor_frame(page)
    frame.wait_for_selector(".ace_editor .ace_line")
    _set_editor_code(page, get_problem("nms").reference_source)
    page.get_by_role("button", name="提交").click()
    page.get_by_text("这次提交已计入练习记录").wait_for()
    _idle(page)
    page.get_by_role("tab", name="练习记录").click()
    _idle(page)
    _shot(page, shots / "08-practice-coding.png")
    page.reload()  # the draft comes back from the service
    page.get_by_text("手撕代码：").first.wait_for()
    frame = _editor_frame(page)
    frame.wait_for_selector(".ace_editor .ace_line")
    assert "def nms" in frame.locator(".ace_content").inner_text()


def test_english_ui_survives_a_reload(page: Any, ui_url: str, shots: Path) -> None:
    page.goto(f"{ui_url}/review")
    page.get_by_text("面试复盘").first.wait_for()
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    page.get_by_text("Interview review").wait_for()
    _idle(page)
    page.reload()
    page.get_by_text("Interview review").wait_for()  # still English after a reload
    page.get_by_text("Scores by stage").first.wait_for()
    _idle(page)
    _shot(page, shots / "09-review-en.png")
    page.get_by_test_id("stSidebar").get_by_text("Interview", exact=True).click()
    page.get_by_text("Start a mock interview").wait_for()
    _idle(page)
    checked = page.evaluate("""() => Array.from(document.querySelectorAll(
        '[data-testid="stRadio"] label')).filter(l => l.querySelector('input')?.checked)
        .map(l => l.innerText.trim())""")
    assert checked == ["English"]  # the interview language followed the UI language
    _shot(page, shots / "10-setup-en.png")
    print(f"screenshots: {shots}")
