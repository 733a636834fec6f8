"""A finished interview as a transcript: every answer with its grade, key points and reference."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.coding import show_result
from ui.common import entry, fmt_score, localized
from ui.i18n import POINTS, STAGE_NAMES, lang, name_of, t

AVATARS = {"interviewer": "🧑‍💼", "candidate": "🧑‍💻"}


def show_key_points(grade: dict[str, Any]) -> None:
    st.markdown(f"**{t('rv.key_points')}**")
    for point in grade.get("key_points") or []:
        text = point.get("text_zh" if lang() == "zh" else "text_en") or point.get("text_en", "")
        mark = "✅" if point.get("hit") else "❌"
        st.markdown(f"{mark} {text}")
        if point.get("hit") and point.get("evidence"):
            st.caption(f"“{point['evidence']}”")


def _grade(grade: dict[str, Any], question: dict[str, Any] | None, index: int) -> None:
    points = grade.get("key_points") or []
    hit = sum(1 for p in points if p.get("hit"))
    label = t("rv.grade", score=grade.get("score", "—"), hit=hit, total=len(points))
    with st.expander(f"📝 {label}", expanded=False):
        feedback = grade.get("feedback_zh" if lang() == "zh" else "feedback_en")
        if feedback:
            st.markdown(f"**{t('rv.feedback')}**：{feedback}" if lang() == "zh"
                        else f"**{t('rv.feedback')}**: {feedback}")
        points_col, reference_col = st.columns(2)
        with points_col:
            show_key_points(grade)
        entry_id = (question or {}).get("entry_id")
        reference = entry(entry_id) if entry_id else None
        with reference_col:
            if reference is not None:
                st.markdown(f"**{t('rv.reference')}**")
                st.markdown(localized(reference, "answer"))


def _analysis(analysis: dict[str, Any]) -> None:
    if "point" in analysis:
        st.caption(t("rv.drill", point=name_of(POINTS, analysis["point"]),
                     score=fmt_score(analysis.get("score"))))
        reasons = list(analysis.get("reasons") or []) + list(analysis.get("contradictions") or [])
        if reasons:
            st.caption(t("rv.vague_reasons", reasons="; ".join(reasons)))
    elif "intro_score" in analysis:
        st.caption(f"{name_of(STAGE_NAMES, 'intro')}: {fmt_score(analysis['intro_score'])}")
    if analysis.get("flags"):
        st.caption("⚑ " + ", ".join(analysis["flags"]))


def render_transcript(turns: list[dict[str, Any]]) -> None:
    question: dict[str, Any] | None = None
    for index, turn in enumerate(turns):
        role = turn.get("role")
        if role == "system":
            if turn.get("grade"):
                _grade(turn["grade"], question, index)
            if turn.get("analysis"):
                _analysis(turn["analysis"])
            continue
        if role == "interviewer":
            question = turn.get("directive") or None
        with st.chat_message("assistant" if role == "interviewer" else "user",
                             avatar=AVATARS.get(str(role), "💬")):
            if turn.get("kind") == "code":
                with st.expander(t("code.editor_label")):
                    st.code(turn.get("content") or "", language="python")
                if turn.get("code_result"):
                    show_result(turn["code_result"], key=f"review_turn_{index}")
            else:
                st.markdown(turn.get("content") or "")
            if role == "interviewer" and turn.get("brain"):
                st.caption(t("iv.brain", brain=turn["brain"]))
