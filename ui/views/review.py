"""Page: past interviews, one interview's report (charts, strengths, gaps) and its transcript."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.charts import progress_figure, stage_figure, topic_figure
from ui.common import call, client, fmt_date, fmt_score
from ui.i18n import POINTS, STAGE_NAMES, STATUSES, TRACKS, lang, name_of, t
from ui.transcript import render_transcript


def _history(interviews: list[dict[str, Any]]) -> None:
    st.subheader(t("rv.history"))
    frame = pd.DataFrame([{t("rv.date"): fmt_date(i["created_at"]),
                           t("rv.track"): name_of(TRACKS, i["track"]),
                           t("rv.status"): name_of(STATUSES, i.get("status")),
                           t("rv.score"): fmt_score(i.get("overall_score"))}
                          for i in interviews])
    table_col, chart_col = st.columns([2, 3])
    table_col.dataframe(frame, hide_index=True, width="stretch")
    if any(i.get("overall_score") is not None and i.get("status") == "finished"
           for i in interviews):
        chart_col.plotly_chart(progress_figure(interviews), key="progress_chart")


def _pick(interviews: list[dict[str, Any]]) -> dict[str, Any]:
    ids = [i["id"] for i in interviews]
    wanted = st.query_params.get("id")
    index = ids.index(wanted) if wanted in ids else 0
    by_id = {i["id"]: i for i in interviews}

    labels = {i["id"]: f"{fmt_date(i['created_at'])} · {name_of(TRACKS, i['track'])} · "
                       f"{fmt_score(i.get('overall_score'))}" for i in interviews}
    chosen = st.selectbox(t("rv.pick"), ids, index=index, format_func=labels.__getitem__,
                          key=f"review_pick_{lang()}_{wanted}")
    if chosen != wanted:
        st.query_params["id"] = chosen
    return by_id[chosen]


def _gap_lines(report: dict[str, Any]) -> list[str]:
    suffix = "zh" if lang() == "zh" else "en"
    lines = []
    for gap in report.get("gaps") or []:
        missed = "；".join(gap.get(f"missed_{suffix}") or [])
        lines.append(f"- {gap.get(f'question_{suffix}')} ({fmt_score(gap.get('score'))})"
                     + (f" — {missed}" if missed else ""))
    return lines


def _report(item: dict[str, Any], report: dict[str, Any]) -> None:
    if item.get("status") != "finished":
        st.info(t("rv.in_progress"))
        st.page_link("views/interview.py", label=t("rv.continue"), icon="🎤",
                     query_params={"interview": item["id"]})
    stages = report.get("stages") or {}
    columns = st.columns(1 + len(stages))
    columns[0].metric(t("rv.overall"), fmt_score(report.get("overall")))
    for column, (stage, score) in zip(columns[1:], stages.items(), strict=False):
        column.metric(name_of(STAGE_NAMES, stage), fmt_score(score))
    stage_col, topic_col = st.columns(2)
    if any(score is not None for score in stages.values()):
        stage_col.plotly_chart(stage_figure(stages), key="stage_chart")
    if report.get("topics"):
        topic_col.plotly_chart(topic_figure(report["topics"]), key="topic_chart")
    strengths_col, gaps_col = st.columns(2)
    suffix = "zh" if lang() == "zh" else "en"
    with strengths_col:
        st.markdown(f"#### {t('rv.strengths')}")
        st.markdown("\n".join(f"- {c.get(f'question_{suffix}')} ({fmt_score(c.get('score'))})"
                              for c in report.get("strengths") or []) or "—")
    with gaps_col:
        st.markdown(f"#### {t('rv.gaps')}")
        st.markdown("\n".join(_gap_lines(report)) or "—")
        weak = report.get("weak_project_points") or []
        if weak:
            st.markdown(f"**{t('rv.weak_points')}**")
            st.markdown("\n".join(f"- {w['project']} / {w['point']} ({fmt_score(w['score'])})"
                                  for w in weak))


def _preparation(report: dict[str, Any]) -> None:
    """The per-project preparation sheet (项目包装): gaps to prepare, techniques, best statements."""
    sheets = report.get("preparation") or []
    if not sheets:
        return
    st.subheader(t("rv.prep"))
    sep, quote = ("：", "「{}」") if lang() == "zh" else (": ", '"{}"')
    for sheet in sheets:
        st.markdown(f"#### {sheet.get('project')}")
        missing_col, tech_col, best_col = st.columns(3)
        with missing_col:
            st.markdown(f"**{t('rv.prep_missing')}**")
            st.markdown("\n".join(f"- {name_of(POINTS, i.get('point'))} · {i.get('label')}{sep}"
                                   f"{i.get('ask')}" for i in sheet.get("prepare") or []) or "—")
        with tech_col:
            st.markdown(f"**{t('rv.prep_tech')}**")
            st.markdown("\n".join(f"- **{i.get('mention')}** → `{i.get('entry_id')}`  \n"
                                   f"  {i.get('question')}" for i in sheet.get("techniques") or [])
                        or "—")
        with best_col:
            st.markdown(f"**{t('rv.prep_best')}**")
            st.markdown("\n".join(f"- {name_of(POINTS, i.get('point'))}{sep}"
                                   + quote.format(i.get("text"))
                                   for i in sheet.get("statements") or []) or "—")
        if sheet.get("contradictions"):
            st.markdown(f"**{t('rv.prep_conflicts')}**")
            st.markdown("\n".join(f"- {c.replace(' vs said ', ' ↔ ')}"
                                   for c in sheet["contradictions"]))


def render() -> None:
    st.title(t("rv.title"))
    interviews = call(client().interviews)
    if interviews is None:
        return
    if not interviews:
        st.info(t("rv.none"))
        return
    _history(interviews)
    st.divider()
    item = _pick(interviews)
    body = call(client().report, item["id"], spinner="…")
    if body is None:
        return
    _report(item, body.get("report") or {})
    _preparation(body.get("report") or {})
    markdown = call(client().report_markdown, item["id"])
    if markdown is not None:
        st.download_button(t("rv.download"), markdown, file_name=f"kaoda-{item['id']}.md",
                           mime="text/markdown", icon="⬇️", key="download_report")
    st.subheader(t("rv.transcript"))
    transcript = call(client().interview, item["id"])
    if transcript is not None:
        render_transcript(transcript.get("turns") or [])
    _delete(item)


def _delete(item: dict[str, Any]) -> None:
    st.divider()
    sure_col, button_col = st.columns([3, 1], vertical_alignment="center")
    sure = sure_col.checkbox(t("rv.delete_confirm"), key=f"confirm_delete_{item['id']}")
    if button_col.button(t("rv.delete"), disabled=not sure, key=f"delete_{item['id']}",
                         icon="🗑️") and call(client().delete_interview, item["id"]):
        st.query_params.pop("id", None)
        st.toast(t("rv.deleted"))
        st.rerun()


render()
