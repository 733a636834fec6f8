"""Practice in AppTest (browse, random, coding with the interview's editor, the review queue, the
history), and the UI text check: no page a test can see in 中文 shows an internal code or id."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from evaluators.catalog import get_problem

# The engine's reason codes, flags, directive kinds, track/stage ids and the ids of entries and
# problems the pages show: none may appear in the 中文 UI (code blocks excepted).
INTERNAL = ["no_model_specifics", "no_concrete_model", "no_numbers", "no_task_specifics",
            "hedging", "just_used_existing", "too_short", "no_submission", "vs said",
            "contradiction:", "offline", "fallback", "cv-intern", "llm-algorithm",
            "greet_and_ask_intro", "drill_point", "ask_concept", "concept_follow_up",
            "coding_feedback", "coding_talk", "answer_candidate_question", "present_coding",
            "bias-variance", "attention-mechanism", "scaled_dot_product_attention",
            "time limit of", "expected shape", "not run:", "per file", "Upload"]


def _texts(at: Any, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _no_errors(at: Any) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, _texts(at, "error")


def visible_text(at: Any) -> str:
    """Everything a reader sees, except code blocks (the candidate's code) and statements."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info",
                 "warning", "success", "error", "metric"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "label", "") or ""))
            parts.append(str(element.value))
    for kind in ("button", "selectbox", "radio", "text_area", "text_input", "toggle",
                 "expander", "tabs"):
        parts += [str(getattr(w, "label", "") or "") for w in getattr(at, kind)]
    for box in (*at.selectbox, *at.radio):
        parts += [str(option) for option in box.options]  # the labels shown
    for frame in (*at.dataframe, *at.table):
        parts.append(frame.value.to_string())
    parts += [str(h.proto.body) for h in at.get("html") if "<style>" not in str(h.proto.body)]
    return "\n".join(parts)


def asked_ids(service_url: str, interview_id: str) -> set[str]:
    """The knowledge-base entries and the coding problem this interview asked, by id."""
    turns = httpx.get(f"{service_url}/v1/interviews/{interview_id}").json()["turns"]
    return {str(d[key]) for t in turns if (d := t.get("directive"))
            for key in ("entry_id", "problem_id") if d.get(key)}


def assert_no_internal_codes(text: str, ids: set[str]) -> None:
    found = [code for code in [*INTERNAL, *sorted(ids)] if code in text]
    assert not found, found


def test_practice_browse_filters_and_random(app: Any, ui_env: str) -> None:
    app.run()
    app.switch_page("views/practice.py").run()
    _no_errors(app)
    topic = app.selectbox(key="pr_topic_zh")
    assert any(o.startswith("注意力与 Transformer") for o in topic.options)  # names, not tags
    topic.set_value("attention").run()
    app.selectbox(key="pr_kind_zh").set_value("coding").run()
    _no_errors(app)
    expected = httpx.get(f"{ui_env}/v1/practice/questions",
                         params={"topic": "attention", "kind": "coding"}).json()
    assert any(f"{len(expected)} 道" in c for c in _texts(app, "caption"))
    app.button(key="pr_random").click().run()
    _no_errors(app)
    picked = app.query_params["q"]
    assert picked in {q["id"] for q in expected}
    # a coding question gets the interview's editor, Run tests and Submit — not a prose box
    assert any(s.startswith("手撕代码：") for s in _texts(app, "subheader"))
    assert any(str(b.key).startswith("run_practice_") for b in app.button)
    assert not any(str(a.key).startswith("practice_answer_") for a in app.text_area)
    next(w for w in app.toggle if str(w.key).startswith("plain_")).set_value(True).run()
    area = next(w for w in app.text_area if str(w.key).startswith("textarea_"))
    area.set_value(get_problem(picked).reference_source).run()
    next(b for b in app.button if str(b.key).startswith("submit_practice_")).click().run()
    _no_errors(app)
    assert any("计入练习记录" in c for c in _texts(app, "caption"))
    assert any("通过" in s for s in _texts(app, "success"))
    history = httpx.get(f"{ui_env}/v1/practice/history").json()
    assert history[0]["entry_id"] == picked and history[0]["kind"] == "coding"


def test_practice_concept_then_review_queue_and_history(app: Any, ui_env: str) -> None:
    app.run()
    app.query_params["q"] = "batchnorm-purpose"
    app.switch_page("views/practice.py").run()
    _no_errors(app)
    app.text_area(key="practice_answer_batchnorm-purpose").set_value("BN 就是做归一化。")
    app.button(key="practice_grade_button").click().run()
    _no_errors(app)
    assert app.metric[0].label == "得分"
    rows = app.dataframe[-1].value  # the history tab
    assert "练习" in rows.to_string() and "batchnorm-purpose" not in rows.to_string()
    assert any("1、3、7、16 天" in i for i in _texts(app, "info"))  # nothing due yet


@pytest.mark.parametrize("page", ["views/review.py", "views/practice.py", "views/interview.py"])
def test_no_internal_codes_on_chinese_pages(app: Any, ui_env: str, finished_interview: str,
                                            page: str) -> None:
    app.run()
    if page == "views/review.py":
        app.query_params["id"] = finished_interview
    if page == "views/interview.py":
        app.query_params["interview"] = finished_interview
    app.switch_page(page).run()
    _no_errors(app)
    for expander in app.expander:  # graded answers, key points, references
        expander.proto.expanded = True
    text = visible_text(app)
    assert len(text) > 200
    ids = asked_ids(ui_env, finished_interview)
    assert len(ids) >= 3
    assert_no_internal_codes(text, ids)
