"""A coding problem: statement, a real code editor, practice runs and a graded submission — the
same in an interview and in Practice.

The editor's text is a draft kept by the service (per interview, or per user in Practice), so a
reload brings it back. Test messages and errors are shown in the UI language (the service sends
``message_zh`` / ``error_zh`` beside the evaluators' English) in a table that wraps, so nothing is
cut off in a narrow column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ui.client import KaodaError
from ui.common import call, client, localized, problem
from ui.i18n import STATUSES, lang, name_of, t

try:  # a Streamlit component whose frontend build ships inside its wheel (works offline)
    from code_editor import code_editor
except ImportError:  # pragma: no cover - fall back to a plain text area
    code_editor = None

EDITOR_LINES = [18, 30]
Submit = Callable[[str], dict[str, Any] | None]


def _in_language(item: dict[str, Any], field: str) -> str:
    text = str(item.get(field) or "")
    return str(item.get(f"{field}_zh") or text) if lang() == "zh" else text


def show_result(result: dict[str, Any], *, key: str) -> None:
    """A grade result: a summary line, the error if any, and one row per named test."""
    tests = result.get("tests") or []
    passed = sum(1 for test in tests if test.get("passed"))
    summary = t("code.result", status=name_of(STATUSES, result.get("status")),
                score=float(result.get("score") or 0.0), passed=passed, total=len(tests))
    (st.success if result.get("passed") else st.warning)(summary)
    if result.get("error"):
        st.error(t("code.error", error=_in_language(result, "error")), icon="⚠️")
    if result.get("forbidden_calls"):
        st.caption(t("code.forbidden", calls=", ".join(result["forbidden_calls"])))
    if tests:
        # a zero-width space after each "_" gives the browser a place to wrap long names
        frame = pd.DataFrame([{t("code.test"): str(test.get("name", "")).replace("_", "_\u200b"),
                               t("code.passed"): "✅" if test.get("passed") else "❌",
                               t("code.message"): _in_language(test, "message")}
                              for test in tests])
        # test names are long snake_case words ("time_budget_generalized_box_iou_n2000_m2000"):
        # let them wrap, or the table overflows the narrow code column
        st.html("<style>[data-testid='stTable'] th, [data-testid='stTable'] td "
                "{ overflow-wrap: anywhere; word-break: break-word; }</style>")
        st.table(frame.set_index(t("code.test")))


def _without_title(markdown: str) -> str:
    """Statements start with their own ``# title``; the subheader above already shows it."""
    lines = markdown.lstrip().splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip()


def _load_draft(key: str, scope: str | None, problem_id: str, starter: str) -> None:
    """Once per session and problem: the saved draft (after a reload), else the starter."""
    state = st.session_state
    if f"draft_{key}" in state:
        return
    try:
        saved = client().draft(scope, problem_id)
    except KaodaError:
        saved = None
    state[f"draft_{key}"] = saved or starter
    state[f"saved_{key}"] = saved or starter


def _save_draft(key: str, scope: str | None, problem_id: str) -> None:
    state = st.session_state
    code = state[f"draft_{key}"]
    if code != state.get(f"saved_{key}"):
        try:
            client().save_draft(scope, problem_id, code)
        except KaodaError:
            return  # kept in the session; tried again on the next change
        state[f"saved_{key}"] = code


def _editor(key: str) -> str:
    """Render the editor and return the current code (kept in session state between runs)."""
    state = st.session_state
    draft_key, version_key = f"draft_{key}", f"editor_version_{key}"
    state.setdefault(version_key, 0)
    plain = st.toggle(t("code.plain"), key=f"plain_{key}", value=code_editor is None,
                      disabled=code_editor is None)
    if plain or code_editor is None:
        text = st.text_area(t("code.editor_label"), value=state[draft_key], height=420,
                            key=f"textarea_{key}_{state[version_key]}")
        if text != state[draft_key]:
            state[draft_key] = text
            state[version_key] += 1  # the rich editor re-opens with this text
        return str(state[draft_key])
    st.caption(t("code.editor_hint"))
    response = code_editor(state[draft_key], lang="python", height=EDITOR_LINES,
                           theme="default", shortcuts="vscode",
                           response_mode=["debounce", "blur"],
                           options={"showLineNumbers": True, "tabSize": 4, "wrap": False},
                           key=f"editor_{key}_{state[version_key]}")
    if isinstance(response, dict) and response.get("id") and response.get("text") is not None:
        state[draft_key] = response["text"]
    return str(state[draft_key])


def render_coding(problem_id: str, *, scope: str | None, submit: Submit,
                  disabled: bool = False) -> None:
    """Statement + editor + "Run tests" (not recorded) + "Submit" (``submit(code)``).

    ``scope``: the interview id (its draft), or None in Practice (the user's own draft)."""
    statement = problem(problem_id)
    if statement is None:
        return
    key = f"{scope or 'practice'}_{problem_id}"
    st.subheader(t("code.title", title=localized(statement, "title")))
    with st.expander(t("code.statement"), expanded=True):
        st.markdown(_without_title(localized(statement, "statement")))
    _load_draft(key, scope, problem_id, str(statement.get("starter") or ""))
    code = _editor(key)
    _save_draft(key, scope, problem_id)
    run_col, submit_col = st.columns(2)
    run = run_col.button(t("code.run"), key=f"run_{key}", width="stretch", icon="🧪",
                         disabled=disabled)
    sent = submit_col.button(t("code.submit"), key=f"submit_{key}", type="primary",
                             width="stretch", icon="📤", disabled=disabled)
    result_key = f"practice_result_{key}"
    if (run or sent) and not code.strip():
        st.warning(t("code.empty"))
        return
    if run:
        result = call(client().run_tests, problem_id, code, spinner=t("code.running"))
        if result is not None:
            st.session_state[result_key] = result
    if sent:
        st.session_state.pop(result_key, None)
        if submit(code) is not None:
            return
    if st.session_state.get(result_key):
        st.caption(t("code.practice_note"))
        show_result(st.session_state[result_key], key=f"practice_{key}")
