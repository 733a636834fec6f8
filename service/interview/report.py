"""Scoring a finished (or running) interview and writing the report (JSON and Markdown).

Stage scores: the self-introduction heuristic; drilling = mean of point scores (slots given,
lowered by the presses it took, see :mod:`service.interview.drilling.flow`); concepts = mean of
per-question scores (first answer, partly recoverable by the follow-up), technique probes asked
during drilling included; coding = best evaluator score × 100. The overall score is the weighted
mean of the stages that took place (weights below), so an interview without a résumé is not
punished for skipping drilling. Gaps list the knowledge-base entries to study, with the key points
that were missed. ``preparation`` is the per-project preparation sheet (项目包装, see
:mod:`service.interview.drilling.sheet`).
"""

from __future__ import annotations

from typing import Any

from knowledge.base import KnowledgeBase
from service.interview.drilling.sheet import preparation, sheet_markdown
from service.interview.state import InterviewState

STAGE_WEIGHTS = {"intro": 0.05, "project": 0.30, "concept": 0.35, "coding": 0.30}
STRENGTH_AT = 75.0
GAP_BELOW = 60.0


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def stage_scores(state: InterviewState) -> dict[str, float | None]:
    points = [p.score for proj in state.projects for p in proj.points if p.attempts]
    concepts = [c.score for c in [*state.probes, *state.concepts] if c.score is not None]
    coding = state.coding
    return {
        "intro": state.intro_score,
        "project": _mean(points),
        "concept": _mean(concepts),
        "coding": round(coding.best_score * 100, 1) if coding and coding.attempts else None,
    }


def overall_score(state: InterviewState) -> float | None:
    scores = stage_scores(state)
    taken = {k: v for k, v in scores.items() if v is not None}
    if not taken:
        return None
    total_weight = sum(STAGE_WEIGHTS[k] for k in taken)
    return round(sum(STAGE_WEIGHTS[k] * v for k, v in taken.items()) / total_weight, 1)


def _topic_scores(state: InterviewState, kb: KnowledgeBase) -> dict[str, float]:
    by_tag: dict[str, list[float]] = {}
    for c in [*state.probes, *state.concepts]:
        if c.score is None:
            continue
        for tag in kb.get(c.entry_id).tags[:2]:
            by_tag.setdefault(tag, []).append(c.score)
    return {tag: round(sum(v) / len(v), 1) for tag, v in sorted(by_tag.items())}


def _concept_items(state: InterviewState, kb: KnowledgeBase) -> list[dict[str, Any]]:
    items = []
    for c in [*state.probes, *state.concepts]:
        if c.score is None:
            continue
        entry = kb.get(c.entry_id)
        items.append({"entry_id": entry.id, "question_zh": entry.question_zh,
                      "question_en": entry.question_en, "score": round(c.score, 1),
                      "missed_zh": [entry.key_points[i].zh for i in c.missed],
                      "missed_en": [entry.key_points[i].en for i in c.missed],
                      "linked_from": c.linked_from, "asked_in": c.asked_in})
    return items


def build_report(state: InterviewState, kb: KnowledgeBase,
                 code_results: list[dict[str, Any]]) -> dict[str, Any]:
    concepts = _concept_items(state, kb)
    strengths = [c for c in concepts if c["score"] >= STRENGTH_AT]
    gaps = [c for c in concepts if c["score"] < GAP_BELOW]
    projects: list[dict[str, Any]] = [
        {"name": p.name, "points": [pt.model_dump() for pt in p.points if pt.attempts]}
        for p in state.projects]
    weak_points = [{"project": p.name, "point": pt.point, "score": pt.score,
                    "reasons": pt.vague_reasons, "contradictions": pt.contradictions}
                   for p in state.projects for pt in p.points
                   if pt.attempts and pt.score < GAP_BELOW]
    coding = state.coding
    if coding and coding.attempts and not coding.passed:
        gaps.append({"entry_id": coding.problem_id, "question_zh": coding.problem_id,
                     "question_en": coding.problem_id, "score": round(coding.best_score * 100, 1),
                     "missed_zh": [], "missed_en": []})
    return {"overall": overall_score(state), "stages": stage_scores(state),
            "topics": _topic_scores(state, kb), "concepts": concepts, "projects": projects,
            "strengths": strengths, "gaps": gaps, "weak_project_points": weak_points,
            "study": sorted({g["entry_id"] for g in gaps}),
            "preparation": preparation(state, kb),
            "coding": {"problem_id": coding.problem_id if coding else None,
                       "attempts": coding.attempts if coding else 0,
                       "best_score": coding.best_score if coding else None,
                       "passed": coding.passed if coding else False,
                       "results": code_results}}


STAGE_NAMES: dict[str, dict[str, str]] = {"zh": {"intro": "自我介绍", "project": "项目拷打", "concept": "八股概念",
                      "coding": "手撕代码"},
               "en": {"intro": "Self-introduction", "project": "Project drilling",
                      "concept": "Concepts", "coding": "Coding"}}


def _fmt(score: float | None) -> str:
    return "—" if score is None else f"{score:.0f}"


def report_markdown(report: dict[str, Any], meta: dict[str, Any], language: str) -> str:
    zh = language == "zh"
    names = STAGE_NAMES["zh" if zh else "en"]
    lines = [f"# {'拷打面试报告' if zh else 'Kaoda interview report'}", "",
             f"- {'方向' if zh else 'Track'}: {meta['track']}",
             f"- {'时间' if zh else 'Date'}: {meta['created_at']}",
             f"- {'总分' if zh else 'Overall'}: **{_fmt(report['overall'])}** / 100", "",
             f"## {'各阶段得分' if zh else 'Scores by stage'}", ""]
    lines += [f"| {names[k]} | {_fmt(v)} |" for k, v in report["stages"].items()]
    lines.insert(len(lines) - len(report["stages"]), "| | |\n|---|---|")
    if report["topics"]:
        lines += ["", f"## {'各主题得分' if zh else 'Scores by topic'}", ""]
        lines += [f"- {t}: {_fmt(s)}" for t, s in report["topics"].items()]
    lines += ["", f"## {'亮点' if zh else 'Strengths'}", ""]
    lines += [f"- {c['question_zh' if zh else 'question_en']} ({_fmt(c['score'])})"
              for c in report["strengths"]] or ["- —"]
    lines += ["", f"## {'待加强（建议复习的知识点）' if zh else 'Gaps (entries to study)'}", ""]
    for gap in report["gaps"]:
        missed = "; ".join(gap["missed_zh" if zh else "missed_en"])
        lines.append(f"- `{gap['entry_id']}` ({_fmt(gap['score'])})" + (f": {missed}" if missed
                                                                         else ""))
    for weak in report["weak_project_points"]:
        lines.append(f"- {weak['project']} / {weak['point']} ({_fmt(weak['score'])}): "
                     + ", ".join(weak["reasons"] + weak["contradictions"]))
    if not report["gaps"] and not report["weak_project_points"]:
        lines.append("- —")
    coding = report["coding"]
    lines += ["", f"## {'手撕代码' if zh else 'Coding'}", ""]
    if coding["problem_id"]:
        lines.append(f"- `{coding['problem_id']}`: {'通过' if coding['passed'] and zh else ''}"
                     f"{'passed' if coding['passed'] and not zh else ''}"
                     f"{'' if coding['passed'] else ('未通过' if zh else 'not passed')}, "
                     f"{'最好得分' if zh else 'best score'} {coding['best_score'] or 0:.2f}, "
                     f"{'提交次数' if zh else 'attempts'} {coding['attempts']}")
        for r in coding["results"]:
            failed = [t for t in r.get("tests", []) if not t.get("passed")]
            note = f" — {failed[0]['name']}: {failed[0]['message']}" if failed else ""
            lines.append(f"  - {r.get('status')} {r.get('score')}{note}")
    lines += sheet_markdown(report.get("preparation") or [], language)
    return "\n".join(lines) + "\n"
