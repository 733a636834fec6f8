"""The project-preparation sheet (项目包装): what to prepare before the next interview, per project.

For every drilled project the report lists, in the interview's language:

* ``prepare`` — the slots the candidate never gave on the points that were asked (with the
  question an interviewer will ask for each), most essential first;
* ``techniques`` — the techniques they will be asked about (from the résumé and their answers),
  each with its knowledge-base entry and that entry's question;
* ``statements`` — their own best concrete statement per point, to keep;
* ``contradictions`` — claims (numbers, models, team, splits) that did not match the résumé or an
  earlier answer.

The report renders it (``service/report_doc``, the UI's review page).
"""

from __future__ import annotations

from typing import Any

from knowledge.base import KnowledgeBase
from service.interview.drilling.slots import BY_KEY, RULES, SLOTS
from service.interview.state import InterviewState, PointResult, ProjectProgress


def _never_given(result: PointResult, language: str) -> list[dict[str, Any]]:
    rule = RULES[result.point]
    order = [*rule.required, *(a for a in rule.any_of if a not in rule.required)]
    order += [s.name for s in SLOTS[result.point] if s.name not in order]
    items = []
    for name in order:
        if name in result.slots:
            continue
        slot = BY_KEY[f"{result.point}.{name}"]
        items.append({"point": result.point, "slot": name, "label": slot.label(language),
                      "ask": slot.ask(language), "essential": name in rule.required})
    return items


def _techniques(project: ProjectProgress, kb: KnowledgeBase, language: str) -> list[dict[str, str]]:
    seen: set[str] = set()
    items = []
    for link in project.techniques:
        entry_id = str(link.get("entry_id"))
        if entry_id in seen or entry_id not in kb:
            continue
        seen.add(entry_id)
        items.append({"mention": str(link.get("mention")), "entry_id": entry_id,
                      "question": kb.get(entry_id).question(language),
                      "source": str(link.get("source", "resume"))})
    return items


def project_sheet(project: ProjectProgress, kb: KnowledgeBase, language: str) -> dict[str, Any]:
    asked = [p for p in project.points if p.attempts or p.credited]
    prepare = [item for p in asked for item in _never_given(p, language)]
    statements = [{"point": p.point, "text": p.best} for p in asked if p.best]
    return {"project": project.name, "prepare": prepare[:12],
            "techniques": _techniques(project, kb, language),
            "statements": statements,
            "contradictions": [c for p in project.points for c in p.contradictions]}


def preparation(state: InterviewState, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One sheet per drilled project (empty without a résumé)."""
    return [project_sheet(p, kb, state.language) for p in state.projects
            if any(pt.attempts for pt in p.points)]
