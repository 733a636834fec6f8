"""The project-preparation sheet (项目包装): what to prepare before the next interview, per project.

For every drilled project the report lists, in the interview's language:

* ``prepare`` — the slots the candidate never gave on the points that were asked (with the
  question an interviewer will ask for each), most essential first;
* ``techniques`` — the techniques they will be asked about (from the résumé and their answers),
  each with its knowledge-base entry and that entry's question;
* ``statements`` — their own best concrete statement per point, to keep;
* ``contradictions`` — numbers that did not match the résumé or an earlier answer.
"""

from __future__ import annotations

from typing import Any

from knowledge.base import KnowledgeBase
from service.interview.drilling.slots import BY_KEY, RULES, SLOTS
from service.interview.state import InterviewState, PointResult, ProjectProgress

POINT_NAMES = {"zh": {"task": "任务", "model": "模型", "training": "训练", "data": "数据",
                      "difficulty": "难点", "novelty": "创新点", "metrics": "指标",
                      "contribution": "个人贡献"},
               "en": {"task": "task", "model": "model", "training": "training", "data": "data",
                      "difficulty": "difficulty", "novelty": "novelty", "metrics": "metrics",
                      "contribution": "contribution"}}


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


def sheet_markdown(sheets: list[dict[str, Any]], language: str) -> list[str]:
    """The sheet as Markdown lines (a section of the report export)."""
    zh = language == "zh"
    names = POINT_NAMES["zh" if zh else "en"]
    lines = ["", f"## {'项目包装（下次面试前要准备的）' if zh else 'Project preparation'}", ""]
    if not sheets:
        return [*lines, "- —"]
    for sheet in sheets:
        lines += [f"### {sheet['project']}", ""]
        lines.append(f"**{'没说清楚、要准备的' if zh else 'Not yet said — prepare'}**")
        lines += [f"- [{names.get(i['point'], i['point'])}] {i['label']}：{i['ask']}" if zh else
                  f"- [{names.get(i['point'], i['point'])}] {i['label']}: {i['ask']}"
                  for i in sheet["prepare"]] or ["- —"]
        lines += ["", f"**{'会被追问的技术' if zh else 'Techniques you will be asked about'}**"]
        lines += [f"- {t['mention']} → `{t['entry_id']}`：{t['question']}" if zh else
                  f"- {t['mention']} → `{t['entry_id']}`: {t['question']}"
                  for t in sheet["techniques"]] or ["- —"]
        lines += ["", f"**{'你说得好的地方（保留）' if zh else 'Your best concrete statements (keep)'}**"]
        lines += [f"- [{names.get(s['point'], s['point'])}] 「{s['text']}」" if zh else
                  f"- [{names.get(s['point'], s['point'])}] \"{s['text']}\""
                  for s in sheet["statements"]] or ["- —"]
        if sheet["contradictions"]:
            lines += ["", f"**{'前后对不上的数字' if zh else 'Numbers that did not match'}**"]
            lines += [f"- {c.replace(' vs said ', ' ↔ ')}" for c in sheet["contradictions"]]
        lines.append("")
    return lines
