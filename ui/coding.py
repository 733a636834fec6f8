"""The coding stage: statement, a real code editor, practice runs and the graded submission."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from ui.common import call, client, localized, problem
from ui.i18n import STATUSES, lang, name_of, t

try:  # a Streamlit component whose frontend build ships inside its wheel (works offline)
    from code_editor import code_editor
except ImportError:  # pragma: no cover - fall back to a plain text area
    code_editor = None

EDITOR_LINES = [18, 30]


def show_result(result: dict[str, Any], *, key: str) -> None:
    """A grade result: a summary line, the error if any, and one row per named test."""
    tests = result.get("tests") or []
    passed = sum(1 for test in tests if test.get("passed"))
    summary = t("code.result", status=name_of(STATUSES, result.get("status")),
                score=float(result.get("score") or 0.0), passed=passed, total=len(tests))
    (st.success if result.get("passed") else st.warning)(summary)
    if result.get("error"):
        st.code(t("code.error", error=result["error"]), language="text")
    if result.get("forbidden_calls"):
        st.caption(t("code.forbidden", calls=", ".join(result["forbidden_calls"])))
    if tests:
        frame = pd.DataFrame([{t("code.test"): test.get("name", ""),
                               t("code.passed"): "✅" if test.get("passed") else "❌",
                               t("code.message"): test.get("message", "")} for test in tests])
        st.dataframe(frame, hide_index=True, width="stretch", key=f"tests_{key}")


def _without_title(markdown: str) -> str:
    """Statements start with their own ``# title``; the subheader above already shows it."""
    lines = markdown.lstrip().splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip()


def _editor(key: str, starter: str) -> str:
    """Render the editor and return the current code (kept in session state between runs)."""
    state = st.session_state
    draft_key, version_key = f"draft_{key}", f"editor_version_{key}"
    state.setdefault(draft_key, starter)
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


def render_coding(interview_id: str, problem_id: str, on_submitted: Callable[[], None]) -> None:
    """Statement + editor + "Run tests" (practice, not recorded) + "Submit" (graded turn)."""
    statement = problem(problem_id)
    if statement is None:
        return
    key = f"{interview_id}_{problem_id}"
    st.subheader(t("code.title", title=localized(statement, "title")))
    with st.expander(t("code.statement"), expanded=True):
        st.markdown(_without_title(localized(statement, "statement")))
    code = _editor(key, str(statement.get("starter") or ""))
    run_col, submit_col = st.columns(2)
    run = run_col.button(t("code.run"), key=f"run_{key}", width="stretch", icon="🧪")
    submit = submit_col.button(t("code.submit"), key=f"submit_{key}", type="primary",
                               width="stretch", icon="📤")
    result_key = f"practice_result_{key}"
    if (run or submit) and not code.strip():
        st.warning(t("code.empty"))
        return
    if run:
        result = call(client().run_tests, problem_id, code, spinner=t("code.running"))
        if result is not None:
            st.session_state[result_key] = result
    if submit:
        reply = call(client().submit_code, interview_id, problem_id, code,
                     spinner=t("code.running"))
        if reply is not None:
            st.session_state.pop(result_key, None)
            on_submitted()
            return
    if st.session_state.get(result_key):
        st.caption(t("code.practice_note"))
        show_result(st.session_state[result_key], key=f"practice_{key}_{lang()}")
