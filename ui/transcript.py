"""A finished interview as a transcript: every answer (as written) with its grade, key points and
reference answer, and why drilling pressed — in words, never the engine's codes."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.chat import render_turn
from ui.common import entry, fmt_score, localized
from ui.i18n import FLAGS, POINTS, STAGE_NAMES, lang, name_of, readable_reasons, t


def contradiction(text: str) -> str:
    """The engine writes "<earlier claim> vs said <what was said>"; say it in the UI language."""
    claim, sep, said = str(text).partition(" vs said ")
    return t("rv.contradiction", claim=claim.strip(), said=said.strip()) if sep else str(text)


def show_key_points(grade: dict[str, Any]) -> None:
    st.markdown(f"**{t('rv.key_points')}**")
    for point in grade.get("key_points") or []:
        text = point.get("text_zh" if lang() == "zh" else "text_en") or point.get("text_en", "")
        mark = "✅" if point.get("hit") else "❌"
        st.markdown(f"{mark} {text}")
        if point.get("hit") and point.get("evidence"):
            st.caption(t("rv.evidence", text=point["evidence"]))


def _grade(grade: dict[str, Any], question: dict[str, Any] | None) -> None:
    points = grade.get("key_points") or []
    hit = sum(1 for p in points if p.get("hit"))
    label = t("rv.grade", score=grade.get("score", "—"), hit=hit, total=len(points))
    with st.expander(f"📝 {label}", expanded=False):
        feedback = grade.get("feedback_zh" if lang() == "zh" else "feedback_en")
        if feedback:
            st.markdown(f"**{t('rv.feedback')}**{'：' if lang() == 'zh' else ': '}{feedback}")
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
        reasons = readable_reasons(analysis.get("reasons") or [])
        reasons += [contradiction(c) for c in analysis.get("contradictions") or []]
        if reasons:
            st.caption(t("rv.vague_reasons", reasons="；".join(reasons) if lang() == "zh"
                         else "; ".join(reasons)))
    elif "intro_score" in analysis:
        sep = "：" if lang() == "zh" else ": "
        st.caption(f"{name_of(STAGE_NAMES, 'intro')}{sep}{fmt_score(analysis['intro_score'])}")
    flags = [name_of(FLAGS, f) for f in analysis.get("flags") or [] if f in FLAGS]
    if flags:
        st.caption("⚑ " + "、".join(flags) if lang() == "zh" else "⚑ " + ", ".join(flags))


def render_transcript(turns: list[dict[str, Any]]) -> None:
    question: dict[str, Any] | None = None
    for index, turn in enumerate(turns):
        role = turn.get("role")
        if role == "system":
            if turn.get("grade"):
                _grade(turn["grade"], question)
            if turn.get("analysis"):
                _analysis(turn["analysis"])
            continue
        if role == "interviewer":
            question = turn.get("directive") or None
        render_turn(turn, index, key="review_turn")
