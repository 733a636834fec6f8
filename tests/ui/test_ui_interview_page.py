"""The interview page in AppTest against the real service: résumé → edit projects → interview."""

from __future__ import annotations

from typing import Any

import httpx
from ui_driver import RESUME, answer, last_question, transcript


def _texts(at: Any, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _chat_text(at: Any) -> str:
    return "\n".join(str(md.value) for msg in at.chat_message for md in msg.markdown)


def _no_errors(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, _texts(at, "error")


def _by_prefix(widgets: Any, prefix: str) -> Any:
    """The coding widgets' keys carry the interview and problem ids: find them by prefix."""
    return next(w for w in widgets if str(w.key).startswith(prefix))


def _upload(at: Any) -> None:
    at.run()
    _no_errors(at)
    at.file_uploader(key="resume_upload_0").set_value(
        ("zh_cv_intern.md", RESUME.read_bytes(), "text/markdown"))
    at.run()
    _no_errors(at)


def test_resume_projects_are_shown_edited_and_saved(app: Any, ui_env: str) -> None:
    _upload(app)
    resume = app.session_state["resume"]
    editor = app.data_editor[0]
    names = list(editor.value["name"])
    assert any("商汤" in n for n in names) and any("nnU-Net" in n for n in names)
    key = editor.key
    assert key is not None
    # what the browser sends after a cell edit, a deleted row and an added row
    app.session_state[key] = {"edited_rows": {0: {"name": "PCB 小目标缺陷检测"}},
                              "added_rows": [{"name": "新增项目", "task": "文本分类"}],
                              "deleted_rows": [2]}
    app.run()
    app.button(key="save_claims").click().run()
    _no_errors(app)
    saved = httpx.get(f"{ui_env}/v1/resumes/{resume['id']}").json()["claims"]
    saved_names = [c["name"] for c in saved]
    assert saved_names[0] == "PCB 小目标缺陷检测"
    assert "新增项目" in saved_names and names[2] not in saved_names
    assert saved[0]["metrics"] == resume["claims"][0]["metrics"]  # untouched facets survive
    assert len(saved) == len(names)


def _step(at: Any, service_url: str, submitted: set[str]) -> str:
    """Answer the interviewer's last question through the UI; return the new stage."""
    interview_id = at.session_state["iv_id"]
    how, text = answer(service_url, last_question(transcript(service_url, interview_id)),
                       submitted)
    if how == "code":
        _by_prefix(at.toggle, "plain_").set_value(True)
        at.run()
        area = _by_prefix(at.text_area, "textarea_")
        area.set_value(text)
        at.run()
        _by_prefix(at.button, "submit_").click()
    else:
        at.chat_input[0].set_value(text)
    at.run()
    _no_errors(at)
    return str(transcript(service_url, interview_id)["stage"])


def test_whole_interview_in_the_page(app: Any, ui_env: str) -> None:
    _upload(app)
    app.selectbox(key="setup_length_zh").set_value("short")
    app.button(key="start_interview").click().run()
    _no_errors(app)
    interview_id = app.session_state["iv_id"]
    assert app.query_params["interview"] == interview_id
    assert len(app.chat_message) == 1  # the interviewer's greeting
    assert any("当前阶段：自我介绍" in str(p.proto.text) for p in app.get("progress"))
    submitted: set[str] = set()
    stage = "intro"
    for _ in range(40):
        if stage == "coding":
            break
        before = len(app.chat_message)
        stage = _step(app, ui_env, submitted)
        assert len(app.chat_message) >= before + 2  # the answer and the streamed reply
    assert stage == "coding"
    # coding: the statement in the UI language, a practice run on the starter
    assert any(s.value.startswith("手撕代码：") for s in app.subheader)
    _by_prefix(app.toggle, "plain_").set_value(True)
    app.run()
    before = len(transcript(ui_env, interview_id)["turns"])
    _by_prefix(app.button, "run_").click().run()
    _no_errors(app)
    assert any("这是练习运行" in c for c in _texts(app, "caption"))
    assert app.table  # one row per named test
    assert len(transcript(ui_env, interview_id)["turns"]) == before  # practice is not recorded
    for _ in range(20):
        if transcript(ui_env, interview_id)["status"] == "finished":
            break
        _step(app, ui_env, submitted)
    data = transcript(ui_env, interview_id)
    assert data["status"] == "finished"
    code_turns = [t for t in data["turns"] if t["kind"] == "code"]
    assert code_turns and code_turns[0]["code_result"]["status"] == "passed"
    app.run()
    finished = _texts(app, "success")
    assert any("面试结束" in s and "总分" in s for s in finished), finished
    assert all(t["brain"] == "offline" for t in data["turns"] if t["role"] == "interviewer")
    assert any(c == "内置面试官" for c in _texts(app, "caption"))  # who spoke, in words
