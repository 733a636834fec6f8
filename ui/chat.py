"""The running interview: stage progress, a timer with pause / resume / end early, the transcript
as chat (the candidate's words exactly as typed), streamed replies, the message limit said before
sending (a rejected message is kept to edit), and the end."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.client import KaodaError
from ui.coding import render_coding, show_result
from ui.common import (
    as_written,
    brain_label,
    call,
    client,
    fmt_score,
    limits,
    live_elapsed,
    show_error,
)
from ui.i18n import LANGUAGES, LENGTHS, STAGE_NAMES, STAGES, TRACKS, name_of, t
from ui.timer import show_timer

INTERVIEW_KEY, DATA_KEY, PENDING_KEY = "iv_id", "iv_data", "iv_pending"
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
    """Back to the set-up page: nothing of this interview (or its résumé) is carried over."""
    from ui.setup import forget_resume

    for key in (INTERVIEW_KEY, DATA_KEY, PENDING_KEY):
        st.session_state.pop(key, None)
    st.query_params.pop("interview", None)
    forget_resume()


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


def render_turn(turn: dict[str, Any], index: int, key: str = "turn") -> None:
    """One turn as a chat message (shared with the review page's transcript)."""
    role = turn.get("role")
    if role not in AVATARS:
        return
    with st.chat_message("assistant" if role == "interviewer" else "user", avatar=AVATARS[role]):
        if turn.get("kind") == "code":
            st.caption(t("iv.code_turn"))
            with st.expander(t("code.editor_label"), expanded=False):
                st.code(turn.get("content") or "", language="python")
            if turn.get("code_result"):
                show_result(turn["code_result"], key=f"{key}_{index}")
        elif role == "candidate":
            as_written(turn.get("content"))
        else:
            st.markdown(turn.get("content") or "")
        if role == "interviewer" and turn.get("brain"):
            st.caption(brain_label(turn["brain"]))


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
        as_written(text)
    with st.chat_message("assistant", avatar=AVATARS["interviewer"]):
        stream = client().stream_message(interview_id, text)
        try:
            with st.spinner(t("iv.thinking")):
                st.write_stream(stream)
        except KaodaError as exc:
            st.session_state[PENDING_KEY] = text  # nothing typed is lost
            show_error(exc)
            refresh(interview_id)
            return
    st.session_state.pop(PENDING_KEY, None)
    if refresh(interview_id) is not None:
        st.rerun()


def _finished(data: dict[str, Any]) -> None:
    note = t("iv.ended_early") if data.get("ended_early") else ""
    st.success(t("iv.finished", score=fmt_score(data.get("overall_score"))) + note, icon="🏁")
    review_col, new_col = st.columns(2, vertical_alignment="center")
    review_col.page_link(REVIEW_PAGE, label=t("iv.open_review"), icon="📊",
                         query_params={"id": data["id"]})
    if new_col.button(t("iv.new"), key="new_interview", icon="🔄"):
        leave()
        st.rerun()


def _controls(data: dict[str, Any]) -> None:
    """The timer (paused time excluded), pause / resume, and ending early (confirmed)."""
    interview_id, paused = str(data["id"]), bool(data.get("paused"))
    timer_col, pause_col, end_col = st.columns([2, 1, 1], vertical_alignment="center")
    with timer_col:
        show_timer(live_elapsed(data), running=not paused,
                   label=t("iv.timer_paused") if paused else t("iv.timer"))
    toggle = client().resume if paused else client().pause
    if pause_col.button(t("iv.resume") if paused else t("iv.pause"), key="pause_resume",
                        icon="▶️" if paused else "⏸️", width="stretch") and \
            call(toggle, interview_id) is not None:
        refresh(interview_id)
        st.rerun()
    confirming = st.session_state.get("confirm_end") == interview_id
    if end_col.button(t("iv.end"), key="end_early", icon="⏹️", width="stretch",
                      disabled=confirming):
        st.session_state["confirm_end"] = interview_id
        st.rerun()
    if confirming:
        _confirm_end(interview_id)


def _confirm_end(interview_id: str) -> None:
    st.warning(t("iv.end_confirm"), icon="⏹️")
    yes_col, no_col = st.columns(2)
    if yes_col.button(t("iv.end_yes"), key="end_yes", type="primary", width="stretch"):
        st.session_state.pop("confirm_end", None)
        if call(client().end_interview, interview_id, spinner=t("iv.thinking")) is not None:
            refresh(interview_id)
            st.rerun()
    if no_col.button(t("iv.end_no"), key="end_no", width="stretch"):
        st.session_state.pop("confirm_end", None)
        st.rerun()


def render_chat(data: dict[str, Any]) -> None:
    interview_id = str(data["id"])
    st.query_params["interview"] = interview_id
    st.title(t("nav.interview"))
    st.caption(t("iv.meta", track=name_of(TRACKS, data.get("track")),
                 language=LANGUAGES.get(data.get("language", ""), "?"),
                 length=name_of(LENGTHS, data.get("length"))))
    _stage_bar(str(data.get("stage") or "intro"))
    finished = data.get("status") == "finished"
    if finished:
        _finished(data)
    else:
        _controls(data)
    problem_id = None if finished else _coding_problem(data)
    chat_area = st.container()
    if problem_id:
        chat_area, code_area = st.columns([1, 1], gap="large")
        with code_area:
            render_coding(problem_id, scope=interview_id,
                          submit=lambda code: _submit_code(interview_id, problem_id, code),
                          disabled=bool(data.get("paused")))
    with chat_area:
        for index, turn in enumerate(data.get("turns") or []):
            render_turn(turn, index)
    if not finished:
        _input(interview_id, chat_area, paused=bool(data.get("paused")))


def _input(interview_id: str, area: Any, *, paused: bool) -> None:
    """The message box: the limit is in its placeholder; a message over it is not sent but kept
    below to shorten, as is a message the service turned away."""
    limit = int((limits() or {}).get("message_chars") or 0)
    if paused:
        st.info(t("iv.paused_note"), icon="⏸️")
    placeholder = t("iv.input_limit", limit=limit) if limit else t("iv.input")
    prompt = st.chat_input(placeholder, key=f"chat_{interview_id}", disabled=paused)
    if prompt and prompt.strip():
        if limit and len(prompt) > limit:
            st.session_state[PENDING_KEY] = prompt
        else:
            with area:
                _send(interview_id, prompt.strip())
            return
    pending = st.session_state.get(PENDING_KEY)
    if pending and not paused:
        with area:
            _pending(interview_id, str(pending), limit)


def _pending(interview_id: str, text: str, limit: int) -> None:
    over = bool(limit) and len(text) > limit
    if over:
        st.warning(t("iv.too_long", n=len(text), limit=limit), icon="✂️")
    else:
        st.info(t("iv.kept"), icon="📝")
    edited = st.text_area(t("iv.kept_label"), value=text, height=200, key="pending_text")
    st.caption(t("iv.count", n=len(edited), limit=limit) if limit else "")
    send_col, drop_col = st.columns(2)
    fits = bool(edited.strip()) and (not limit or len(edited) <= limit)
    if send_col.button(t("iv.send"), key="send_pending", type="primary", disabled=not fits,
                       width="stretch"):
        st.session_state[PENDING_KEY] = edited
        st.session_state.pop("pending_text", None)
        _send(interview_id, edited.strip())
    elif edited != text:
        st.session_state[PENDING_KEY] = edited
    if drop_col.button(t("iv.discard"), key="drop_pending", width="stretch"):
        st.session_state.pop(PENDING_KEY, None)
        st.session_state.pop("pending_text", None)
        st.rerun()


def _submit_code(interview_id: str, problem_id: str, code: str) -> dict[str, Any] | None:
    reply = call(client().submit_code, interview_id, problem_id, code, spinner=t("code.running"))
    if reply is not None and refresh(interview_id) is not None:
        st.rerun()
    return reply
