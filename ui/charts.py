"""Plotly figures for the review page: stage scores, topic scores, progress over interviews."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import plotly.graph_objects as go

from ui.common import fmt_date
from ui.i18n import STAGE_NAMES, TRACKS, name_of, t

ACCENT = "#d62728"
LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "height": 320}


def stage_figure(stages: dict[str, float | None]) -> go.Figure:
    taken = [(name_of(STAGE_NAMES, stage), score) for stage, score in stages.items()
             if score is not None]
    figure = go.Figure(go.Bar(x=[name for name, _ in taken], y=[score for _, score in taken],
                              marker_color=ACCENT, text=[f"{s:.0f}" for _, s in taken],
                              textposition="outside"))
    figure.update_layout(title=t("rv.by_stage"), yaxis={"range": [0, 110]}, **LAYOUT)
    return figure


def topic_figure(topics: dict[str, float]) -> go.Figure:
    """A radar for three topics or more (a radar of two points is a line), else bars."""
    names, scores = list(topics), [topics[name] for name in topics]
    if len(names) >= 3:
        figure = go.Figure(go.Scatterpolar(r=[*scores, scores[0]], theta=[*names, names[0]],
                                           fill="toself", line_color=ACCENT))
        figure.update_layout(polar={"radialaxis": {"range": [0, 100]}}, showlegend=False)
        figure.update_layout(margin={"l": 60, "r": 60, "t": 50, "b": 40})
    else:
        figure = go.Figure(go.Bar(x=names, y=scores, marker_color=ACCENT))
        figure.update_layout(yaxis={"range": [0, 100]}, margin=LAYOUT["margin"])
    figure.update_layout(title=t("rv.by_topic"), height=LAYOUT["height"])
    return figure


def _date_axis(moments: list[datetime]) -> dict[str, Any]:
    """Days on the x-axis, whatever the number of interviews: one interview alone (or several on
    one day) would otherwise make Plotly zoom in to milliseconds."""
    first, last = min(moments), max(moments)
    pad = max((last - first) * 0.08, timedelta(hours=12))
    same_day = last - first < timedelta(days=2)
    return {"type": "date", "range": [first - pad, last + pad],
            "tickformat": "%m-%d %H:%M" if same_day else "%Y-%m-%d", "nticks": 6,
            "title": {"text": ""}}


def progress_figure(interviews: list[dict[str, Any]]) -> go.Figure:
    """Overall score of every finished interview over time, one line per track."""
    scored = sorted((i for i in interviews if i.get("overall_score") is not None
                     and i.get("status") == "finished"), key=lambda i: i["created_at"])
    figure = go.Figure()
    moments = []
    for track in dict.fromkeys(i["track"] for i in scored):
        rows = [i for i in scored if i["track"] == track]
        xs = [datetime.fromisoformat(i["created_at"]).astimezone() for i in rows]
        moments += xs
        figure.add_trace(go.Scatter(x=xs, y=[i["overall_score"] for i in rows],
                                    mode="lines+markers", name=name_of(TRACKS, track),
                                    text=[fmt_date(i["created_at"]) for i in rows],
                                    hovertemplate="%{text}: %{y:.0f}<extra>%{fullData.name}</extra>"))
    figure.update_layout(title=t("rv.progress"), yaxis={"range": [0, 105]},
                         legend={"orientation": "h", "y": -0.2}, **LAYOUT)
    if moments:
        figure.update_layout(xaxis=_date_axis(moments))
    return figure
