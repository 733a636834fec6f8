"""The review and practice pages, the language switch and error display, in AppTest."""

from __future__ import annotations

from typing import Any

import httpx
from ui_procs import ROOT, free_port

from ui.i18n import STAGE_NAMES


def _texts(at: Any, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _no_errors(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, _texts(at, "error")


def test_review_shows_scores_charts_transcript_and_download(app: Any, ui_env: str,
                                                           finished_interview: str) -> None:
    report = httpx.get(f"{ui_env}/v1/interviews/{finished_interview}/report").json()["report"]
    app.run()
    app.query_params["id"] = finished_interview
    app.switch_page("views/review.py").run()
    _no_errors(app)
    assert app.title[0].value == "面试复盘"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["总分"] == f"{report['overall']:.0f}"
    assert metrics["项目拷打"] == f"{report['stages']['project']:.0f}"
    charts = app.get("plotly_chart")
    assert len(charts) >= 3  # progress line, stage bars, topic radar/bars
    assert app.get("download_button")
    # the transcript: every graded answer with its key points and the reference answer
    graded = [e for e in app.expander if e.label.startswith("📝 得分")]
    assert graded
    markdown = "\n".join(str(m.value) for m in graded[0].markdown)
    assert "参考答案" in markdown and ("✅" in markdown or "❌" in markdown)
    assert any("代码结果" in s or "结果：通过" in s for s in _texts(app, "success"))
    # the project-preparation sheet (项目包装), one block per drilled project
    assert "项目包装：下次面试前要准备的" in _texts(app, "subheader")
    sheet = report["preparation"][0]
    page = "\n".join(_texts(app, "markdown"))
    assert f"#### {sheet['project']}" in page and "没说清楚、要准备的" in page
    for weak in report["weak_stages"]:  # a weak stage is listed under 待加强, like a strong one
        assert f"- {STAGE_NAMES[weak['key']][0]} ({weak['score']:.0f})" in page


def test_practice_search_answer_and_grade(app: Any, ui_env: str) -> None:
    app.run()
    app.switch_page("views/practice.py").run()
    _no_errors(app)
    app.text_input(key="pr_text").set_value("为什么要除以根号 dk").run()
    _no_errors(app)
    choice = app.selectbox(key="pr_pick_zh")
    assert choice.options, "no search results"
    hits = httpx.get(f"{ui_env}/v1/knowledge/search", params={"q": "为什么要除以根号 dk",
                                                               "k": 20}).json()
    entry_id = next(h["id"] for h in hits if h["kind"] == "concept")
    choice.set_value(entry_id).run()
    _no_errors(app)
    entry = httpx.get(f"{ui_env}/v1/knowledge/{entry_id}").json()
    app.text_area(key=f"practice_answer_{entry_id}").set_value(entry["answer_zh"])
    app.button(key="practice_grade_button").click().run()
    _no_errors(app)
    assert app.metric[0].label == "得分"
    assert int(app.metric[0].value.split("/")[0]) >= 50
    page = "\n".join(_texts(app, "markdown"))
    assert "参考答案" in page and "✅" in page


def test_language_switch_changes_the_whole_ui(app: Any) -> None:
    app.run()
    assert app.title[0].value == "开始一场模拟面试"
    app.segmented_control(key="ui_lang").set_value("en").run()
    _no_errors(app)
    assert app.title[0].value == "Start a mock interview"
    assert app.button(key="start_interview").label == "Start interview"
    app.switch_page("views/practice.py").run()
    assert app.title[0].value == "Practice"


def test_rejected_resume_shows_the_services_reason(app: Any) -> None:
    app.run()
    app.file_uploader(key="resume_upload_0").set_value(
        ("cv.pdf", b"%PDF-1.4 this is not a pdf", "application/pdf"))
    app.run()
    assert not app.exception
    errors = _texts(app, "error")
    assert errors and errors[0].startswith("简历文件被拒绝：") and "损坏" in errors[0]


def test_service_down_is_a_readable_error_not_a_traceback(monkeypatch: Any) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KAODA_UI_API", f"http://127.0.0.1:{free_port()}")
    at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=60).run()
    at.switch_page("views/review.py").run()
    assert not at.exception
    assert any("无法连接拷打服务" in e for e in _texts(at, "error"))


def test_an_unfinished_interview_can_be_continued(app: Any, ui_env: str) -> None:
    started = httpx.post(f"{ui_env}/v1/interviews", json={"track": "llm-algorithm",
                                                          "language": "en", "length": "short"})
    interview_id = started.json()["id"]
    app.run()
    app.query_params["id"] = interview_id
    app.switch_page("views/review.py").run()
    _no_errors(app)
    assert any("还没有结束" in i for i in _texts(app, "info"))
    links = app.get("page_link")
    assert any(link.proto.label == "继续这场面试" for link in links)
    app.query_params.clear()
    app.query_params["interview"] = interview_id
    app.switch_page("views/interview.py").run()  # what the link opens
    _no_errors(app)
    assert app.session_state["iv_id"] == interview_id
    assert "introduction" in "\n".join(
        str(md.value) for msg in app.chat_message for md in msg.markdown).lower()
