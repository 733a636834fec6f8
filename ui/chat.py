"""The running interview: stage progress, the transcript as chat, streamed replies, the end."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.client import KaodaError
from ui.coding import render_coding, show_result
from ui.common import call, client, fmt_score, show_error
from ui.i18n import LANGUAGES, LENGTHS, STAGE_NAMES, STAGES, TRACKS, name_of, t

INTERVIEW_KEY, DATA_KEY = "iv_id", "iv_data"
AVATARS = {"interviewer": "🧑‍💼", "candidate": "🧑‍💻"}
REVIEW_PAGE = "views/review.py"


def refresh(interview_id: str) -> dict[str, Any] | None:
    data = call(client().interview, interview_id)
    if data is not None:
        st.session_state[DATA_KEY] = data
    return data


def current() -> dict[str, Any] | None:
    """The interview on screen (from session state, or ``?interview=`` after a page reload)."""
    interview_id = st.query_params.get("interview") or st.session_state.get(INTERVIEW_KEY)
    if not interview_id:
        return None
    st.session_state[INTERVIEW_KEY] = interview_id
    data = st.session_state.get(DATA_KEY)
    if not data or data.get("id") != interview_id:
        data = refresh(interview_id)
        if data is None:
            leave()
    return data


def leave() -> None:
    for key in (INTERVIEW_KEY, DATA_KEY):
        st.session_state.pop(key, None)
    st.query_params.pop("interview", None)


def _stage_bar(stage: str) -> None:
    shown = STAGES[:-1]  # "closed" is the end, not a step
    index = shown.index(stage) if stage in shown else len(shown)
    st.progress(min(index + 1, len(shown)) / len(shown),
                text=t("iv.stage", stage=name_of(STAGE_NAMES, stage), n=min(index + 1, len(shown)),
                       total=len(shown)))
    steps = []
    for i, name in enumerate(shown):
        label = name_of(STAGE_NAMES, name)
        steps.append(f"**:red[{label}]**" if i == index else
                     (f":green[✓ {label}]" if i < index else f":gray[{label}]"))
    st.caption("  →  ".join(steps))


def _render_turn(turn: dict[str, Any], index: int) -> None:
    role = turn.get("role")
    if role not in AVATARS:
        return  # system assessments are for the review page, not shown mid-interview
    with st.chat_message("assistant" if role == "interviewer" else "user", avatar=AVATARS[role]):
        if turn.get("kind") == "code":
            st.caption(t("iv.code_turn"))
            with st.expander(t("code.editor_label"), expanded=False):
                st.code(turn.get("content") or "", language="python")
            if turn.get("code_result"):
                show_result(turn["code_result"], key=f"turn_{index}")
        else:
            st.markdown(turn.get("content") or "")
        if role == "interviewer" and turn.get("brain"):
            st.caption(t("iv.brain", brain=turn["brain"]))


def _coding_problem(data: dict[str, Any]) -> str | None:
    if data.get("stage") != "coding":
        return None
    coding = (data.get("progress") or {}).get("coding") or {}
    if coding.get("problem_id"):
        return str(coding["problem_id"])
    for turn in reversed(data.get("turns") or []):
        directive = turn.get("directive") or {}
        if directive.get("problem_id"):
            return str(directive["problem_id"])
    return None


def _send(interview_id: str, text: str) -> None:
    with st.chat_message("user", avatar=AVATARS["candidate"]):
        st.markdown(text)
    with st.chat_message("assistant", avatar=AVATARS["interviewer"]):
        stream = client().stream_message(interview_id, text)
        try:
            with st.spinner(t("iv.thinking")):
                st.write_stream(stream)
        except KaodaError as exc:
            show_error(exc)
            refresh(interview_id)
            return
    if refresh(interview_id) is not None:
        st.rerun()


def _finished(data: dict[str, Any]) -> None:
    st.success(t("iv.finished", score=fmt_score(data.get("overall_score"))), icon="🏁")
    review_col, new_col = st.columns(2, vertical_alignment="center")
    review_col.page_link(REVIEW_PAGE, label=t("iv.open_review"), icon="📊",
                         query_params={"id": data["id"]})
    if new_col.button(t("iv.new"), key="new_interview", icon="🔄"):
        leave()
        st.rerun()


def render_chat(data: dict[str, Any]) -> None:
    interview_id = str(data["id"])
    st.query_params["interview"] = interview_id
    st.title(t("nav.interview"))
    st.caption(t("iv.meta", track=name_of(TRACKS, data.get("track")),
                 language=LANGUAGES.get(data.get("language", ""), "?"),
                 length=name_of(LENGTHS, data.get("length"))))
    stage = str(data.get("stage") or "intro")
    _stage_bar(stage)
    if data.get("status") == "finished":
        _finished(data)
    problem_id = _coding_problem(data)
    chat_area = st.container()
    if problem_id:
        chat_area, code_area = st.columns([1, 1], gap="large")
        with code_area:
            render_coding(interview_id, problem_id, on_submitted=lambda: _after_code(interview_id))
    with chat_area:
        for index, turn in enumerate(data.get("turns") or []):
            _render_turn(turn, index)
    if data.get("status") == "finished":
        return
    prompt = st.chat_input(t("iv.input"), key=f"chat_{interview_id}")
    if prompt and prompt.strip():
        with chat_area:
            _send(interview_id, prompt.strip())


def _after_code(interview_id: str) -> None:
    if refresh(interview_id) is not None:
        st.rerun()
