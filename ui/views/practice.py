"""Page: search the question bank, answer one question, get graded against its key points."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.common import call, choice, client, entry, localized
from ui.i18n import lang, t
from ui.transcript import show_key_points

RESULTS_KEY, GRADE_KEY = "practice_results", "practice_grade"


def _search() -> list[dict[str, Any]]:
    with st.form("practice_search", border=False):
        query_col, button_col = st.columns([5, 1], vertical_alignment="bottom")
        query = query_col.text_input(t("pr.search"), key="practice_query")
        searched = button_col.form_submit_button(t("pr.search_button"), icon="🔍",
                                                 width="stretch")
    if searched and query.strip():
        results = call(client().search, query.strip(), 8, spinner=t("pr.searching"))
        if results is not None:
            st.session_state[RESULTS_KEY] = results
            for key in (GRADE_KEY, "practice_pick", "practice_pick_zh", "practice_pick_en"):
                st.session_state.pop(key, None)  # a new list: start from its first question
    results = st.session_state.get(RESULTS_KEY)
    if results is not None and not results:
        st.info(t("pr.no_results"))
    return list(results or [])


def _show_grade(body: dict[str, Any]) -> None:
    grade = body.get("grade") or {}
    st.metric(t("pr.score"), f"{grade.get('score', 0)} / 100")
    feedback = grade.get("feedback_zh" if lang() == "zh" else "feedback_en")
    if feedback:
        st.info(feedback)
    points_col, reference_col = st.columns(2)
    with points_col:
        show_key_points(grade)
    with reference_col:
        st.markdown(f"**{t('rv.reference')}**")
        st.markdown(body.get("reference_answer") or "")


def render() -> None:
    st.title(t("pr.title"))
    results = _search()
    if not results:
        return
    ids = [r["id"] for r in results]
    by_id = {r["id"]: r for r in results}
    chosen = choice(st.radio, t("pr.pick"), ids, state_key="practice_pick",
                    format_func=lambda i: localized(by_id[i], "question"))
    item = entry(chosen)
    if item is None:
        return
    st.subheader(localized(item, "question"))
    answer = st.text_area(t("pr.answer"), height=200, key=f"practice_answer_{chosen}")
    if st.button(t("pr.grade"), type="primary", key="practice_grade_button", icon="✅"):
        if not answer.strip():
            st.warning(t("pr.empty"))
        else:
            body = call(client().grade_answer, chosen, answer.strip(), lang(),
                        spinner=t("pr.grading"))
            if body is not None:
                st.session_state[GRADE_KEY] = {"entry_id": chosen, "body": body}
    graded = st.session_state.get(GRADE_KEY)
    if graded and graded["entry_id"] == chosen:
        _show_grade(graded["body"])


render()
