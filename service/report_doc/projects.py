"""The project-drilling part of the document: exchanges per project, scores per point, why answers
were pressed (in words), and the per-project preparation sheet.

The sheet is read leniently from ``report["projects"][i]["preparation"]`` or from a top-level
``report["preparation"]`` list keyed by project name, under either naming the engine uses
(``missing_slots`` / ``prepare``, ``best_statements`` / ``statements``; techniques as
``{entry_id, title}`` or ``{mention, entry_id, question}``; plain strings work too). Techniques are
named by title, never by entry id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.report_doc import labels
from service.report_doc.catalog import Catalog, short_title
from service.report_doc.model import Exchange, Preparation, PrepItem, ProjectSection, Score
from service.report_doc.transcript import Transcript, or_none


def _point_label(point: Any, lang: str) -> str:
    return labels.name(labels.POINTS, str(point or ""), lang, "")


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _prep_item(item: Any, lang: str) -> PrepItem | None:
    if isinstance(item, str):
        return PrepItem(label=item) if item.strip() else None
    if not isinstance(item, Mapping):
        return None
    point = _point_label(item.get("point"), lang)
    label = str(item.get("label") or item.get("text") or "")
    if not label:
        return None
    return PrepItem(label=f"[{point}] {label}" if point else label,
                    ask=str(item["ask"]) if item.get("ask") else None)


def _technique(item: Any, catalog: Catalog, lang: str) -> PrepItem | None:
    if isinstance(item, str):
        return PrepItem(label=item) if item.strip() else None
    if not isinstance(item, Mapping):
        return None
    entry = catalog.entry(str(item.get("entry_id") or ""))
    question = entry.question(lang) if entry else str(item.get("question") or "")
    title = str(item.get("title") or "") or (short_title(entry, question, lang) if entry else "")
    mention = str(item.get("mention") or "")
    label = f"{mention} → {title}" if mention and title and mention not in title else title or mention
    ask = question if question and not question.startswith(title.rstrip("…")) else None
    return PrepItem(label=label, ask=ask) if label else None


def _contradiction(text: Any, lang: str) -> str:
    return str(text).replace(" vs said ", f" ↔ {labels.text('you_said', lang)} ")


def preparation_of(raw: Any, catalog: Catalog, lang: str) -> Preparation:
    if not isinstance(raw, Mapping):
        return Preparation()
    missing = _items(raw.get("missing_slots") or raw.get("prepare"))
    statements = _items(raw.get("best_statements") or raw.get("statements"))
    return Preparation(
        missing=[p for p in (_prep_item(i, lang) for i in missing) if p],
        techniques=[p for p in (_technique(i, catalog, lang) for i in _items(raw.get("techniques")))
                    if p],
        statements=[p for p in (_prep_item(i, lang) for i in statements) if p],
        contradictions=[_contradiction(c, lang) for c in _items(raw.get("contradictions"))])


def _sheets(report: Mapping[str, Any]) -> dict[str, Any]:
    return {str(s.get("project")): s for s in _items(report.get("preparation"))
            if isinstance(s, Mapping)}


def _reasons(codes: list[Any], lang: str) -> list[str]:
    words = [labels.name(labels.REASONS, str(code), lang, "") for code in codes]
    return list(dict.fromkeys(w for w in words if w))


def project_sections(report: Mapping[str, Any], talk: Transcript, catalog: Catalog,
                     lang: str) -> list[ProjectSection]:
    sheets = _sheets(report)
    asked = talk.in_stage("project")
    sections = []
    for project in _items(report.get("projects")):
        name = str(project.get("name") or "")
        points = [p for p in _items(project.get("points")) if isinstance(p, Mapping)]
        scores = [float(p["score"]) for p in points if isinstance(p.get("score"), int | float)]
        mine = [a for a in asked if a.directive.get("project_name") == name]
        exchanges = [Exchange(question=a.question, answer=answer,
                              label=_point_label(a.directive.get("point"), lang) or None)
                     for a in mine for answer in or_none(a.answers)]
        codes = [c for a in mine if a.analysis for c in _items(a.analysis.get("reasons"))]
        codes += [c for p in points for c in _items(p.get("vague_reasons"))]
        sections.append(ProjectSection(
            name=name, score=round(sum(scores) / len(scores), 1) if scores else None,
            points=[Score(label=_point_label(p.get("point"), lang), value=p.get("score"))
                    for p in points if _point_label(p.get("point"), lang)],
            exchanges=exchanges, pressed_for=_reasons(codes, lang),
            preparation=preparation_of(project.get("preparation") or sheets.get(name),
                                       catalog, lang)))
    return sections
