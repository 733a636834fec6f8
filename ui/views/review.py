"""Page: interviews still running (continue, end, delete), past interviews, one interview's
report (scores, charts, highlights, gaps, preparation sheet, Markdown and PDF downloads) and its
transcript. Everything is named in the UI language: titles, never ids or codes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.charts import progress_figure, stage_figure, topic_figure
from ui.common import call, client, distinct_labels, fmt_date, fmt_duration, fmt_score, live_elapsed
from ui.i18n import POINTS, STAGE_NAMES, STATUSES, TRACKS, lang, name_of, readable_reasons, t
from ui.transcript import contradiction, render_transcript

INTERVIEW_PAGE = "views/interview.py"


def _suffix() -> str:
    return "zh" if lang() == "zh" else "en"


def _running(interviews: list[dict[str, Any]]) -> None:
    """Unfinished interviews, each with its actions."""
    active = [i for i in interviews if i.get("status") != "finished"]
    if not active:
        return
    st.subheader(t("rv.running", n=len(active)))
    for item in active:
        state = t("rv.paused") if item.get("paused") else name_of(STAGE_NAMES, item.get("stage"))
        info_col, go_col, end_col, delete_col = st.columns([4, 1, 1, 1],
                                                           vertical_alignment="center")
        info_col.markdown(f"**{fmt_date(item['created_at'])}** · {name_of(TRACKS, item['track'])}"
                          f" · {state} · ⏱ {fmt_duration(live_elapsed(item))}")
        go_col.page_link(INTERVIEW_PAGE, label=t("rv.continue_short"), icon="▶️",
                         query_params={"interview": item["id"]})
        _confirmed(end_col, "end", item["id"], t("rv.end"), t("rv.end_confirm"),
                   lambda i=item["id"]: call(client().end_interview, i))
        _confirmed(delete_col, "del", item["id"], t("rv.delete_short"), t("rv.delete_confirm"),
                   lambda i=item["id"]: call(client().delete_interview, i))


def _confirmed(column: Any, action: str, interview_id: str, label: str, question: str,
               run: Any) -> None:
    """A button that asks once more before it acts."""
    key = f"confirm_{action}_{interview_id}"
    if not st.session_state.get(key):
        if column.button(label, key=f"{action}_{interview_id}", width="stretch"):
            st.session_state[key] = True
            st.rerun()
        return
    st.warning(question)
    yes, no = st.columns(2)
    if yes.button(t("rv.yes"), key=f"{action}_yes_{interview_id}", type="primary"):
        st.session_state.pop(key, None)
        if run():
            st.toast(t("rv.done"))
        st.rerun()
    if no.button(t("rv.no"), key=f"{action}_no_{interview_id}"):
        st.session_state.pop(key, None)
        st.rerun()


def _history(interviews: list[dict[str, Any]]) -> None:
    st.subheader(t("rv.history"))
    frame = pd.DataFrame([{t("rv.date"): fmt_date(i["created_at"]),
                           t("rv.track"): name_of(TRACKS, i["track"]),
                           t("rv.status"): name_of(STATUSES, i.get("status")),
                           t("rv.duration"): fmt_duration(live_elapsed(i)),
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
    if wanted not in ids:  # none yet, or deleted: settle on the newest before the picker exists,
        wanted = ids[0]    # so the picker's key stays put and the user's first choice holds
        st.query_params["id"] = wanted
    index = ids.index(wanted)
    by_id = {i["id"]: i for i in interviews}
    labels = distinct_labels({i["id"]: f"{fmt_date(i['created_at'])} · "
                                       f"{name_of(TRACKS, i['track'])} · "
                                       f"{fmt_score(i.get('overall_score'))}"
                              for i in interviews})
    chosen = st.selectbox(t("rv.pick"), ids, index=index, format_func=labels.__getitem__,
                          key=f"review_pick_{lang()}_{wanted}")
    if chosen != wanted:
        st.query_params["id"] = chosen
    return by_id[chosen]


def _title(item: dict[str, Any]) -> str:
    return str(item.get(f"title_{_suffix()}") or item.get(f"question_{_suffix()}") or "")


def _highlight(item: dict[str, Any]) -> str:
    score = fmt_score(item.get("score"))
    if item.get("kind") == "stage":
        return f"- {name_of(STAGE_NAMES, item.get('key'))} ({score})"
    if item.get("kind") == "point":
        return f"- {item.get('project')} · {name_of(POINTS, item.get('key'))} ({score})"
    return f"- {_title(item)} ({score})"


def _gap_lines(report: dict[str, Any]) -> list[str]:
    # a weak stage first ("自我介绍 (8)"), written as the strengths' stage lines are
    lines = [_highlight({"kind": "stage", **weak}) for weak in report.get("weak_stages") or []]
    for gap in report.get("gaps") or []:
        missed = ("；" if lang() == "zh" else "; ").join(gap.get(f"missed_{_suffix()}") or [])
        lines.append(f"- {_title(gap)} ({fmt_score(gap.get('score'))})"
                     + (f" — {missed}" if missed else ""))
    for weak in report.get("weak_project_points") or []:
        why = readable_reasons(weak.get("reasons") or [])
        why += [contradiction(c) for c in weak.get("contradictions") or []]
        lines.append(f"- {weak['project']} · {name_of(POINTS, weak['point'])} "
                     f"({fmt_score(weak['score'])})" + (f" — {'；'.join(why)}" if why else ""))
    return lines


def _report(item: dict[str, Any], report: dict[str, Any]) -> None:
    if item.get("status") != "finished":
        st.info(t("rv.in_progress"))
        st.page_link(INTERVIEW_PAGE, label=t("rv.continue"), icon="🎤",
                     query_params={"interview": item["id"]})
    elif item.get("ended_early"):
        st.info(t("rv.ended_early"), icon="⏹️")
    stages = report.get("stages") or {}
    columns = st.columns(1 + len(stages))
    columns[0].metric(t("rv.overall"), fmt_score(report.get("overall")))
    for column, (stage, score) in zip(columns[1:], stages.items(), strict=False):
        column.metric(name_of(STAGE_NAMES, stage), fmt_score(score))
    stage_col, topic_col = st.columns(2)
    if any(score is not None for score in stages.values()):
        stage_col.plotly_chart(stage_figure(stages), key="stage_chart")
    topics = report.get("topics") or {}
    names = report.get("topic_names") or {}
    named = {str((names.get(k) or {}).get(_suffix()) or ""): v for k, v in topics.items()}
    named.pop("", None)  # a topic without a name is not shown by its key
    if named:
        topic_col.plotly_chart(topic_figure(named), key="topic_chart")
    strengths_col, gaps_col = st.columns(2)
    with strengths_col:
        st.markdown(f"#### {t('rv.strengths')}")
        st.markdown("\n".join(_highlight(h) for h in report.get("highlights") or [])
                    or t("rv.no_strengths"))
    with gaps_col:
        st.markdown(f"#### {t('rv.gaps')}")
        st.markdown("\n".join(_gap_lines(report)) or "—")


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
            st.markdown("\n".join(f"- **{i.get('mention')}**{sep}{i.get('question')}"
                                  for i in sheet.get("techniques") or []) or "—")
        with best_col:
            st.markdown(f"**{t('rv.prep_best')}**")
            st.markdown("\n".join(f"- {name_of(POINTS, i.get('point'))}{sep}"
                                  + quote.format(i.get("text"))
                                  for i in sheet.get("statements") or []) or "—")
        if sheet.get("contradictions"):
            st.markdown(f"**{t('rv.prep_conflicts')}**")
            st.markdown("\n".join(f"- {contradiction(c)}" for c in sheet["contradictions"]))


def _downloads(item: dict[str, Any]) -> None:
    """The report as Markdown (ready at once) and as PDF (rendered on request: a few seconds)."""
    md_col, pdf_col = st.columns(2)
    markdown = call(client().report_markdown, item["id"])
    if markdown is not None:
        md_col.download_button(t("rv.download"), markdown, file_name=f"kaoda-{item['id'][:8]}.md",
                               mime="text/markdown", icon="⬇️", key="download_report",
                               width="stretch")
    version = (item["id"], item.get("status"), item.get("overall_score"))
    pdfs: dict[Any, bytes] = st.session_state.setdefault("report_pdfs", {})
    if version not in pdfs:
        if pdf_col.button(t("rv.make_pdf"), key="make_pdf", icon="📄", width="stretch"):
            data = call(client().report_pdf, item["id"], spinner=t("rv.making_pdf"))
            if data is not None:
                pdfs.clear()  # keep one PDF in the session
                pdfs[version] = data
                st.rerun()
        return
    pdf_col.download_button(t("rv.download_pdf"), pdfs[version], icon="⬇️",
                            file_name=f"kaoda-{item['id'][:8]}.pdf", mime="application/pdf",
                            key="download_pdf", width="stretch")


def render() -> None:
    st.title(t("rv.title"))
    interviews = call(client().interviews)
    if interviews is None:
        return
    if not interviews:
        st.info(t("rv.none"))
        return
    _running(interviews)
    _history(interviews)
    st.divider()
    item = _pick(interviews)
    body = call(client().report, item["id"], spinner=t("rv.loading"))
    if body is None:
        return
    _report(item, body.get("report") or {})
    _preparation(body.get("report") or {})
    _downloads(item)
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
