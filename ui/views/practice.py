"""Page: practise any question of the bank, and bring back what went wrong.

Browse by topic, track, difficulty and kind (or search), pick a random question or the next one
(a due review first), see the review queue of weak key points (why each is due, in words) and the
practice history. A concept question is answered in prose and graded against its key points; a
coding question gets the interview's editor, "Run tests" and "Submit". The question on screen is
in the address (``?q=``), so a reload keeps it — and the editor's draft comes back from the
service.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.client import KaodaError, NotFound, base_url_from_env
from ui.coding import render_coding, show_result
from ui.common import (
    cached_entry,
    call,
    choice,
    client,
    distinct_labels,
    fmt_date,
    fmt_score,
    localized,
    show_error,
)
from ui.i18n import DIFFICULTIES, KINDS_OF_QUESTION, SOURCES, TRACKS, lang, name_of, t
from ui.transcript import show_key_points

GRADE_KEY, CODE_KEY = "practice_grade", "practice_code_result"
ALL = ""


@st.cache_data(ttl=600, show_spinner=False)
def _topics(base_url: str) -> list[dict[str, Any]]:
    from ui.client import KaodaClient

    return KaodaClient(base_url).topics()


def _title(item: dict[str, Any]) -> str:
    return localized(item, "title") or localized(item, "question")


def _filters() -> dict[str, Any]:
    topics = call(_topics, base_url_from_env()) or []
    names = {ALL: t("pr.all")} | {x["key"]: f"{x[f'name_{lang()}']} ({x['count']})"
                                  for x in topics}
    topic_col, track_col, level_col, kind_col = st.columns(4)
    return {
        "topic": choice(topic_col.selectbox, t("pr.topic"), list(names), state_key="pr_topic",
                        format_func=names.__getitem__),
        "track": choice(track_col.selectbox, t("pr.track"), [ALL, *TRACKS],
                        state_key="pr_track",
                        format_func=lambda k: t("pr.all") if k == ALL else name_of(TRACKS, k)),
        "difficulty": choice(level_col.selectbox, t("pr.difficulty"), [ALL, *DIFFICULTIES],
                             state_key="pr_level", format_func=lambda k: t("pr.all")
                             if k == ALL else name_of(DIFFICULTIES, k)),
        "kind": choice(kind_col.selectbox, t("pr.kind"), [ALL, *KINDS_OF_QUESTION],
                       state_key="pr_kind", format_func=lambda k: t("pr.all")
                       if k == ALL else name_of(KINDS_OF_QUESTION, k)),
    }


def _open(question_id: str) -> None:
    st.query_params["q"] = question_id
    for key in (GRADE_KEY, CODE_KEY):
        st.session_state.pop(key, None)


def _pickers(filters: dict[str, Any]) -> None:
    random_col, next_col = st.columns(2)
    if random_col.button(t("pr.random"), key="pr_random", icon="🎲", width="stretch"):
        picked = call(client().random_question, **filters)
        if picked is not None:
            _open(picked["id"])
            st.rerun()
    if next_col.button(t("pr.next"), key="pr_next", icon="⏭️", width="stretch"):
        picked = call(client().next_question, **filters)
        if picked is not None:
            _open(picked["id"])
            if picked.get("from_review"):
                st.toast(t("pr.from_review"))
            st.rerun()


def _bank(filters: dict[str, Any]) -> None:
    text = st.text_input(t("pr.search"), key="pr_text").strip()
    found = call(client().questions, **filters) or []
    if text:  # by meaning (the knowledge base's retrieval), within the filters
        hits = call(client().search, text, 20, spinner=t("pr.searching")) or []
        by_id = {q["id"]: q for q in found}
        found = [by_id[hit["id"]] for hit in hits if hit["id"] in by_id]
    st.caption(t("pr.found", n=len(found)))
    if not found:
        return
    by_id = {q["id"]: q for q in found}
    labels = distinct_labels({q["id"]: f"{_title(q)} · {name_of(KINDS_OF_QUESTION, q['kind'])}"
                                       f" · {name_of(DIFFICULTIES, q['difficulty'])}"
                              for q in found})
    current = st.query_params.get("q")
    index = list(by_id).index(current) if current in by_id else None
    chosen = st.selectbox(t("pr.pick"), list(by_id), index=index, format_func=labels.__getitem__,
                          placeholder=t("pr.pick_placeholder"), key=f"pr_pick_{lang()}")
    if chosen and chosen != current:
        _open(chosen)
        st.rerun()


def _review() -> None:
    queue = call(client().review_queue) or []
    if not queue:
        st.info(t("pr.review_empty"))
        return
    for item in queue:
        title_col, go_col = st.columns([5, 1], vertical_alignment="center")
        title_col.markdown(f"**{_title(item)}** · {t('pr.box', box=item['box'])}")
        if go_col.button(t("pr.practise"), key=f"pr_go_{item['id']}", width="stretch"):
            _open(item["id"])
            st.rerun()
        for point in item.get("points") or []:
            st.caption(f"• {localized(point, 'text')} — {localized(point, 'why')}")


def _history() -> None:
    rows = call(client().practice_history) or []
    if not rows:
        st.info(t("pr.history_empty"))
        return
    st.dataframe(pd.DataFrame([{t("pr.when"): fmt_date(r["created_at"]),
                                t("pr.question"): _title(r),
                                t("pr.kind"): name_of(KINDS_OF_QUESTION, r.get("kind")),
                                t("pr.source"): name_of(SOURCES, r.get("source")),
                                t("pr.score"): fmt_score(r.get("score"))} for r in rows]),
                 hide_index=True, width="stretch")


def _concept(item: dict[str, Any]) -> None:
    answer = st.text_area(t("pr.answer"), height=200, key=f"practice_answer_{item['id']}")
    if st.button(t("pr.grade"), type="primary", key="practice_grade_button", icon="✅"):
        if not answer.strip():
            st.warning(t("pr.empty"))
        else:
            body = call(client().grade_answer, item["id"], answer.strip(), lang(),
                        spinner=t("pr.grading"))
            if body is not None:
                st.session_state[GRADE_KEY] = {"entry_id": item["id"], "body": body}
    graded = st.session_state.get(GRADE_KEY)
    if graded and graded["entry_id"] == item["id"]:
        grade = graded["body"].get("grade") or {}
        st.metric(t("pr.score"), f"{grade.get('score', 0)} / 100")
        feedback = grade.get("feedback_zh" if lang() == "zh" else "feedback_en")
        if feedback:
            st.info(feedback)
        points_col, reference_col = st.columns(2)
        with points_col:
            show_key_points(grade)
        with reference_col:
            st.markdown(f"**{t('rv.reference')}**")
            st.markdown(graded["body"].get("reference_answer") or "")


def _submit(problem_id: str, code: str) -> dict[str, Any] | None:
    body = call(client().submit_practice_code, problem_id, code, lang(), spinner=t("code.running"))
    if body is not None:
        st.session_state[CODE_KEY] = {"problem_id": problem_id, "result": body["result"]}
    return body


def _question() -> None:
    question_id = st.query_params.get("q")
    if not question_id:
        st.info(t("pr.choose"))
        return
    try:
        item = cached_entry(base_url_from_env(), question_id)
    except NotFound:  # an old link: the question is no longer in the bank
        st.query_params.pop("q", None)
        st.info(t("pr.gone"))
        return
    except KaodaError as exc:
        show_error(exc)
        return
    st.divider()
    if item.get("kind") == "coding":
        render_coding(question_id, scope=None, submit=lambda code: _submit(question_id, code))
        submitted = st.session_state.get(CODE_KEY)
        if submitted and submitted["problem_id"] == question_id:
            st.caption(t("pr.recorded"))
            show_result(submitted["result"], key=f"practice_submit_{question_id}")
        return
    st.subheader(localized(item, "question"))
    _concept(item)


def render() -> None:
    st.title(t("pr.title"))
    filters = {k: v or None for k, v in _filters().items()}
    _pickers(filters)
    bank, review, history = st.tabs([t("pr.tab_bank"), t("pr.tab_review"), t("pr.tab_history")])
    with bank:
        _bank(filters)
    with review:
        _review()
    with history:
        _history()
    _question()


render()
