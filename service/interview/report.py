"""Scoring a finished (or running) interview: the report JSON (the document is
:mod:`service.report_doc`).

Stage scores: the self-introduction heuristic; drilling = mean of point scores (slots given,
lowered by the presses it took, see :mod:`service.interview.drilling.flow`); concepts = mean of
per-question scores (first answer, partly recoverable by the follow-up), technique probes asked
during drilling included; coding = best evaluator score × 100. The overall score is the weighted
mean of the stages that took place (weights below), so an interview without a résumé is not
punished for skipping drilling, and one ended early is scored on what was asked (a coding problem
the candidate gave up on counts 0). Topics are the named topics of
:mod:`service.practice.vocabulary`. Gaps list the knowledge-base entries to study, with the key
points that were missed. ``preparation`` is the per-project preparation sheet (项目包装, see
:mod:`service.interview.drilling.sheet`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.base import KnowledgeBase
from service.interview.coding_stage import GIVE_UP_AFTER
from service.interview.drilling.sheet import preparation
from service.interview.state import InterviewState
from service.practice.vocabulary import BY_KEY, TOPICS, primary_topic
from service.report_doc.catalog import short_title

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
        "coding": round(coding.best_score * 100, 1) if coding and (
            coding.attempts or coding.stuck >= GIVE_UP_AFTER) else None,
    }


def overall_score(state: InterviewState) -> float | None:
    scores = stage_scores(state)
    taken = {k: v for k, v in scores.items() if v is not None}
    if not taken:
        return None
    total_weight = sum(STAGE_WEIGHTS[k] for k in taken)
    return round(sum(STAGE_WEIGHTS[k] * v for k, v in taken.items()) / total_weight, 1)


def _topic_scores(state: InterviewState, kb: KnowledgeBase) -> dict[str, float]:
    """Mean score per named topic (:mod:`service.practice.vocabulary`), by each entry's main topic."""
    by_topic: dict[str, list[float]] = {}
    for c in [*state.probes, *state.concepts]:
        if c.score is None or c.entry_id not in kb:
            continue
        topic = primary_topic(kb.get(c.entry_id).tags)
        if topic is not None:
            by_topic.setdefault(topic, []).append(c.score)
    order = [t.key for t in TOPICS]
    return {key: round(sum(v) / len(v), 1)
            for key, v in sorted(by_topic.items(), key=lambda item: order.index(item[0]))}


def _concept_items(state: InterviewState, kb: KnowledgeBase) -> list[dict[str, Any]]:
    items = []
    for c in [*state.probes, *state.concepts]:
        if c.score is None or c.entry_id not in kb:
            continue
        entry = kb.get(c.entry_id)
        items.append({"entry_id": entry.id, "question_zh": entry.question_zh,
                      "question_en": entry.question_en, "score": round(c.score, 1),
                      "title_zh": short_title(entry, entry.question_zh, "zh"),
                      "title_en": short_title(entry, entry.question_en, "en"),
                      "missed_zh": [entry.key_points[i].zh for i in c.missed],
                      "missed_en": [entry.key_points[i].en for i in c.missed],
                      "linked_from": c.linked_from, "asked_in": c.asked_in})
    return items


def _coding(state: InterviewState, code_results: list[dict[str, Any]],
            titles: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    coding = state.coding
    if coding is None:
        return {"problem_id": None, "attempts": 0, "best_score": None, "passed": False,
                "results": code_results}
    zh, en = titles.get(coding.problem_id, (coding.problem_id, coding.problem_id))
    return {"problem_id": coding.problem_id, "title_zh": zh, "title_en": en,
            "attempts": coding.attempts, "best_score": coding.best_score,
            "passed": coding.passed, "gave_up": coding.stuck >= GIVE_UP_AFTER,
            "approach": coding.approach, "results": code_results}


def _gaps(state: InterviewState, concepts: list[dict[str, Any]],
          titles: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    gaps = [c for c in concepts if c["score"] < GAP_BELOW]
    coding = state.coding
    if coding and (coding.attempts or coding.stuck >= GIVE_UP_AFTER) and not coding.passed:
        zh, en = titles.get(coding.problem_id, (coding.problem_id, coding.problem_id))
        gaps.append({"entry_id": coding.problem_id, "question_zh": zh, "question_en": en,
                     "title_zh": zh, "title_en": en,
                     "score": round(coding.best_score * 100, 1), "missed_zh": [],
                     "missed_en": [], "kind": "coding"})
    return gaps


def _highlights(state: InterviewState, stages: dict[str, float | None],
                concepts: list[dict[str, Any]], coding: dict[str, Any]) -> list[dict[str, Any]]:
    """Everything that scored ``STRENGTH_AT`` or more: stages, drilled points, questions, code."""
    found: list[dict[str, Any]] = [{"kind": "stage", "key": k, "score": v}
                                   for k, v in stages.items()
                                   if v is not None and v >= STRENGTH_AT]
    found += [{"kind": "point", "key": pt.point, "project": p.name, "score": round(pt.score, 1)}
              for p in state.projects for pt in p.points
              if pt.attempts and pt.score >= STRENGTH_AT]
    found += [{"kind": "concept", "key": c["entry_id"], "title_zh": c["title_zh"],
               "title_en": c["title_en"], "score": c["score"]}
              for c in concepts if c["score"] >= STRENGTH_AT]
    best = coding.get("best_score")
    if coding.get("attempts") and best is not None and best * 100 >= STRENGTH_AT:
        found.append({"kind": "coding", "key": coding["problem_id"],
                      "title_zh": coding.get("title_zh"), "title_en": coding.get("title_en"),
                      "score": round(best * 100, 1)})
    return found


def build_report(state: InterviewState, kb: KnowledgeBase, code_results: list[dict[str, Any]],
                 problem_titles: Mapping[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """The report JSON. ``problem_titles``: id → (zh, en), so the coding problem is named."""
    titles = problem_titles or {}
    concepts = _concept_items(state, kb)
    topics = _topic_scores(state, kb)
    gaps = _gaps(state, concepts, titles)
    stages = stage_scores(state)
    coding = _coding(state, code_results, titles)
    projects: list[dict[str, Any]] = [
        {"name": p.name, "points": [pt.model_dump() for pt in p.points if pt.attempts]}
        for p in state.projects]
    weak_points = [{"project": p.name, "point": pt.point, "score": pt.score,
                    "reasons": pt.vague_reasons, "contradictions": pt.contradictions}
                   for p in state.projects for pt in p.points
                   if pt.attempts and pt.score < GAP_BELOW]
    return {"overall": overall_score(state), "stages": stages,
            "topics": topics,
            "topic_names": {k: {"zh": BY_KEY[k].zh, "en": BY_KEY[k].en} for k in topics},
            "concepts": concepts, "projects": projects,
            "strengths": [c for c in concepts if c["score"] >= STRENGTH_AT], "gaps": gaps,
            "weak_project_points": weak_points, "study": sorted({g["entry_id"] for g in gaps}),
            "weak_stages": [{"key": k, "score": v} for k, v in stages.items()
                            if v is not None and v < GAP_BELOW],
            "preparation": preparation(state, kb), "coding": coding,
            "highlights": _highlights(state, stages, concepts, coding),
            "ended_early": state.ended_early, "ended_in_stage": state.ended_in_stage,
            "question_categories": list(state.question_categories)}
