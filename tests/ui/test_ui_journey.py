"""What a candidate hit in issue 13, one AppTest per fixed bug, against the real service: the
words on screen are what is asserted."""

from __future__ import annotations

import json
from typing import Any

import httpx
from ui_driver import RESUME, answer, last_question, transcript
from ui_procs import ROOT

from evaluators.catalog import get_problem

APP = str(ROOT / "ui" / "app.py")
MARKDOWN_BAIT = "3*3*64*128 + 128 个参数，_下划线_ 和 `反引号` 都照原样"


def _texts(at: Any, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _no_errors(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, _texts(at, "error")


def _start(service_url: str, *, language: str = "zh", seed: int = 31) -> str:
    body = {"track": "cv-intern", "language": language, "length": "short", "seed": seed}
    response = httpx.post(f"{service_url}/v1/interviews", json=body, timeout=60)
    response.raise_for_status()
    return str(response.json()["id"])


def _open(app: Any, interview_id: str) -> Any:
    app.query_params["interview"] = interview_id
    app.run()
    _no_errors(app)
    return app


def _say(service_url: str, interview_id: str, text: str) -> None:
    response = httpx.post(f"{service_url}/v1/interviews/{interview_id}/messages",
                          json={"content": text}, timeout=60)
    response.raise_for_status()


def _to_coding(service_url: str, interview_id: str) -> str:
    submitted: set[str] = set()
    for _ in range(12):
        directive = last_question(transcript(service_url, interview_id))
        if directive.get("kind") == "present_coding":
            return str(directive["problem_id"])
        _say(service_url, interview_id, answer(service_url, directive, submitted)[1])
    raise AssertionError("the coding stage was not reached")


def test_the_candidates_text_is_shown_as_written(app: Any, ui_env: str) -> None:
    interview_id = _start(ui_env)
    _open(app, interview_id)
    app.chat_input[0].set_value(MARKDOWN_BAIT).run()
    _no_errors(app)
    assert MARKDOWN_BAIT in _texts(app, "text")  # st.text: no Markdown, no HTML
    assert not any(MARKDOWN_BAIT in m for m in _texts(app, "markdown"))


def test_a_long_message_is_refused_before_sending_and_kept(app: Any, ui_env: str) -> None:
    interview_id = _start(ui_env)
    _open(app, interview_id)
    limit = httpx.get(f"{ui_env}/v1/limits").json()["message_chars"]
    assert str(limit) in app.chat_input[0].placeholder  # the limit, before sending
    long_text = "我" * 20_000
    before = len(transcript(ui_env, interview_id)["turns"])
    app.chat_input[0].set_value(long_text).run()
    _no_errors(app)
    assert len(transcript(ui_env, interview_id)["turns"]) == before  # nothing was sent
    warning = " ".join(_texts(app, "warning"))
    assert "20000" in warning and str(limit) in warning and "没有发送" in warning
    kept = app.text_area(key="pending_text")
    assert kept.value == long_text  # the typed text is still there
    kept.set_value("我" * 100).run()
    app.button(key="send_pending").click().run()
    _no_errors(app)
    assert len(transcript(ui_env, interview_id)["turns"]) > before
    assert "pending_text" not in app.session_state and not app.get("text_area")


def test_pause_resume_and_end_early(app: Any, ui_env: str) -> None:
    interview_id = _start(ui_env)
    _open(app, interview_id)
    assert "已用时（不含暂停）" in "".join(str(h.proto.body) for h in app.get("html"))
    app.button(key="pause_resume").click().run()
    _no_errors(app)
    assert any("面试已暂停" in i for i in _texts(app, "info"))
    assert app.chat_input[0].proto.disabled and app.button(key="pause_resume").label == "继续"
    assert "已暂停" in "".join(str(h.proto.body) for h in app.get("html"))
    app.button(key="pause_resume").click().run()
    assert not app.chat_input[0].proto.disabled
    app.button(key="end_early").click().run()
    assert any("只按已经问到的内容评分" in w for w in _texts(app, "warning"))
    app.button(key="end_yes").click().run()
    _no_errors(app)
    finished = " ".join(_texts(app, "success"))
    assert "面试结束" in finished and "提前结束" in finished
    assert transcript(ui_env, interview_id)["ended_early"]


def test_the_approach_is_accepted_and_test_messages_are_in_chinese(app: Any,
                                                                  ui_env: str) -> None:
    interview_id = _start(ui_env, seed=33)
    problem_id = _to_coding(ui_env, interview_id)
    _open(app, interview_id)
    app.chat_input[0].set_value("我的思路是先遍历输入逐步计算中间结果，然后汇总。时间复杂度 O(n)，空间 O(n)。").run()
    _no_errors(app)
    reply = transcript(ui_env, interview_id)["turns"][-1]
    assert reply["kind"] == "coding_talk" and "不能跳过" not in reply["content"]
    assert "O(n)" in reply["content"]
    toggle = next(w for w in app.toggle if str(w.key).startswith("plain_"))
    toggle.set_value(True).run()
    area = next(w for w in app.text_area if str(w.key).startswith("textarea_"))
    area.set_value(get_problem(problem_id).starter).run()
    next(b for b in app.button if str(b.key).startswith("run_")).click().run()
    _no_errors(app)
    table = app.table[0].value  # one row per test, in a table that wraps
    messages = " ".join(str(m) for m in table["信息"])
    assert "未运行" in messages or "应为" in messages or "形状应为" in messages or "第" in messages
    assert "expected" not in messages and "not run" not in messages


def test_the_code_draft_survives_a_reload(app: Any, ui_env: str) -> None:
    from streamlit.testing.v1 import AppTest

    interview_id = _start(ui_env, seed=34)
    problem_id = _to_coding(ui_env, interview_id)
    _open(app, interview_id)
    next(w for w in app.toggle if str(w.key).startswith("plain_")).set_value(True).run()
    draft = "def unfinished():\n    # 写到一半，刷新了页面\n    return 42\n"
    next(w for w in app.text_area if str(w.key).startswith("textarea_")).set_value(draft).run()
    _no_errors(app)
    saved = httpx.get(f"{ui_env}/v1/interviews/{interview_id}/drafts/{problem_id}").json()
    assert saved["code"] == draft
    reloaded = AppTest.from_file(APP, default_timeout=120)  # a new browser session
    _open(reloaded, interview_id)
    next(w for w in reloaded.toggle if str(w.key).startswith("plain_")).set_value(True).run()
    assert next(w for w in reloaded.text_area if str(w.key).startswith("textarea_")).value == draft


def test_ui_language_follows_into_the_interview_language_and_survives_a_reload(
        app: Any, ui_env: str) -> None:
    from streamlit.testing.v1 import AppTest

    app.run()
    assert app.radio(key="setup_language_zh").value == "zh"
    app.segmented_control(key="ui_lang").set_value("en").run()
    _no_errors(app)
    assert app.radio(key="setup_language_en").value == "en"  # 面试语言 follows
    assert app.query_params["lang"] == "en"
    reloaded = AppTest.from_file(APP, default_timeout=120)
    reloaded.query_params["lang"] = "en"  # what the address keeps
    reloaded.run()
    assert reloaded.title[0].value == "Start a mock interview"
    uploader = " ".join(str(h.proto.body) for h in reloaded.get("html"))
    assert "Up to 5 MB per file" in uploader and "Choose a file" in uploader


def test_a_new_interview_starts_without_the_previous_resume(app: Any, ui_env: str) -> None:
    app.run()
    uploader = next(w for w in app.get("file_uploader") if str(w.key).startswith("resume_upload"))
    app.file_uploader(key=uploader.key).set_value(
        ("zh_cv_intern.md", RESUME.read_bytes(), "text/markdown")).run()
    _no_errors(app)
    assert app.data_editor and app.session_state["resume"]
    app.selectbox(key="setup_length_zh").set_value("short")
    app.button(key="start_interview").click().run()
    _no_errors(app)
    app.button(key="end_early").click().run()
    app.button(key="end_yes").click().run()
    app.button(key="new_interview").click().run()
    _no_errors(app)
    assert app.title[0].value == "开始一场模拟面试"
    assert not app.data_editor and "resume" not in app.session_state
    assert all(not str(w.key).endswith("_0") for w in app.get("file_uploader"))


def test_review_lists_running_interviews_with_actions(app: Any, ui_env: str) -> None:
    running = _start(ui_env, seed=35)
    app.run()
    app.switch_page("views/review.py").run()
    _no_errors(app)
    assert any(s.startswith("进行中的面试") for s in _texts(app, "subheader"))
    links = [link for link in app.get("page_link") if link.proto.label == "继续"]
    assert links
    app.button(key=f"end_{running}").click().run()
    app.button(key=f"end_yes_{running}").click().run()
    _no_errors(app)
    assert transcript(ui_env, running)["status"] == "finished"
    deleted = _start(ui_env, seed=36)
    app.run()
    app.button(key=f"del_{deleted}").click().run()
    app.button(key=f"del_yes_{deleted}").click().run()
    _no_errors(app)
    assert httpx.get(f"{ui_env}/v1/interviews/{deleted}").status_code == 404


def test_review_picker_keeps_either_of_two_same_label_interviews(app: Any, ui_env: str) -> None:
    # same track, same minute, no score yet: one label, and Streamlit answers a choice by its
    # label, mapping it to the *last* option with it; so the newer (listed first) is the one at risk
    _start(ui_env, seed=41)
    newer = _start(ui_env, seed=42)
    app.run()
    app.query_params["id"] = newer
    app.switch_page("views/review.py").run()
    _no_errors(app)
    picker = next(b for b in app.selectbox if str(b.key).startswith("review_pick_"))
    assert len(picker.options) == len(set(picker.options))
    picker.set_value(newer).run()
    app.run()  # a later run sends the choice back as its label: it must still be the newer one
    _no_errors(app)
    assert next(b for b in app.selectbox
                if str(b.key).startswith("review_pick_")).value == newer
    shown = [link.proto.query_string for link in app.get("page_link")
             if link.proto.label == "继续这场面试"]  # the report part's link: the one shown
    assert shown == [f"interview={newer}"]


def test_review_report_downloads_and_charts(app: Any, ui_env: str,
                                            finished_interview: str) -> None:
    app.run()
    app.query_params["id"] = finished_interview
    app.switch_page("views/review.py").run()
    _no_errors(app)
    # choose it in the picker too: with several finished interviews in the shared service, the
    # page must show this one whatever the query string carried over
    picker = next(b for b in app.selectbox if str(b.key).startswith("review_pick_"))
    if picker.value != finished_interview:
        picker.set_value(finished_interview).run()
        _no_errors(app)
    assert next(b for b in app.selectbox
                if str(b.key).startswith("review_pick_")).value == finished_interview
    downloads = {b.proto.label for b in app.get("download_button")}
    assert "下载 Markdown 报告" in downloads
    app.button(key="make_pdf").click().run()
    _no_errors(app)
    assert "下载 PDF 报告" in {b.proto.label for b in app.get("download_button")}
    charts = {json.loads(c.proto.spec)["layout"]["title"]["text"]: json.loads(c.proto.spec)
              for c in app.get("plotly_chart")}
    history = charts["历次总分"]["layout"]["xaxis"]
    assert history["type"] == "date" and "%S" not in history["tickformat"]
    report = httpx.get(f"{ui_env}/v1/interviews/{finished_interview}/report").json()["report"]
    radar = charts["各主题得分"]["data"][0]
    axes = set(radar.get("theta") or radar.get("x"))
    assert axes == {report["topic_names"][k]["zh"] for k in report["topics"]}  # names, not tags
    strengths = "\n".join(_texts(app, "markdown"))
    assert "#### 亮点" in strengths and "手撕代码 (100)" in strengths
