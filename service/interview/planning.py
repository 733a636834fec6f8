"""Choosing what an interview will cover, once, at its start.

Concept questions come from the knowledge base by track, ramping difficulty (easy → medium →
hard), preferring entries the candidate has not been asked in recent interviews, with a seeded
shuffle so two interviews on the same track differ. The coding problem is chosen the same way from
the track's coding entries. Projects come from the résumé's claim records, most substantial first;
each starts its claim ledger from its own text. Concepts linked to the candidate's techniques are
put first when the concept stage begins (see :mod:`service.interview.drilling.concepts`), because
answers add techniques during drilling.
"""

from __future__ import annotations

import random
from typing import Any

from knowledge.schema import Entry
from service.interview.drilling.ledger import Ledger
from service.interview.drilling.techniques import mentions_in
from service.interview.state import (
    CodingProgress,
    ConceptProgress,
    InterviewState,
    Length,
    PointResult,
    ProjectProgress,
)

DIFFICULTY_RANK = {"easy": 0, "medium": 1, "hard": 2}
CODING_DIFFICULTY = {"short": ("easy", "medium"), "standard": ("easy", "medium", "hard"),
                     "full": ("medium", "hard")}


def _by_track(entries: list[Entry], track: str, kind: str) -> list[Entry]:
    return [e for e in entries if e.kind == kind and track in e.tracks]


def choose_concepts(entries: list[Entry], track: str, count: int, rng: random.Random,
                    recently_asked: set[str]) -> list[str]:
    pool = _by_track(entries, track, "concept")
    rng.shuffle(pool)
    pool.sort(key=lambda e: e.id in recently_asked)  # stable: unseen first, shuffled within
    chosen = pool[:count]
    chosen.sort(key=lambda e: DIFFICULTY_RANK[e.difficulty])
    return [e.id for e in chosen]


def choose_problem(entries: list[Entry], track: str, length: Length, rng: random.Random,
                   recently_asked: set[str], available: set[str]) -> str | None:
    allowed = CODING_DIFFICULTY[length]
    pool = [e for e in _by_track(entries, track, "coding")
            if e.problem_id in available and e.difficulty in allowed]
    if not pool:
        pool = [e for e in entries if e.kind == "coding" and e.problem_id in available]
    if not pool:
        return None
    rng.shuffle(pool)
    pool.sort(key=lambda e: e.id in recently_asked)
    return pool[0].problem_id


def _claim_weight(claim: dict[str, Any]) -> int:
    return (len(claim.get("methods") or []) + len(claim.get("metrics") or [])
            + len(claim.get("data") or []) + 2 * len(claim.get("contribution") or [])
            + (3 if claim.get("task") else 0))


def choose_projects(claims: list[dict[str, Any]], count: int, points: tuple[str, ...],
                    secondary: tuple[str, ...] | None = None) -> list[ProjectProgress]:
    """The ``count`` most substantial claims; the first is drilled on ``points``, the others on
    ``secondary`` (default: the same points). Each starts its claim ledger from its own text."""
    ranked = sorted(claims, key=_claim_weight, reverse=True)[:count]
    return [ProjectProgress(name=str(c.get("name") or "project"), claim=c,
                            ledger=Ledger.from_claim(c).entries,
                            points=[PointResult(point=p) for p in
                                    (points if i == 0 or secondary is None else secondary)])
            for i, c in enumerate(ranked)]


def plan_interview(*, entries: list[Entry], track: str, language: str, length: Length,
                   claims: list[dict[str, Any]], seed: int, recently_asked: set[str],
                   available_problems: set[str]) -> InterviewState:
    state = InterviewState(track=track, language=language, length=length)
    rng = random.Random(seed)
    plan = state.plan
    state.projects = choose_projects(claims, plan.projects, plan.points, plan.secondary_points)
    drilled = [p.name for p in state.projects]
    ordered = sorted(claims, key=lambda c: (str(c.get("name")) not in drilled,
                                            drilled.index(str(c.get("name")))
                                            if str(c.get("name")) in drilled else 0))
    state.mentions = [{"mention": m, "project": str(c.get("name") or "")} for c in ordered
                      for m in mentions_in(str(c.get("raw") or ""))]
    state.concepts = [ConceptProgress(entry_id=i) for i in
                      choose_concepts(entries, track, plan.concepts, rng, recently_asked)]
    problem = choose_problem(entries, track, length, rng, recently_asked, available_problems)
    state.coding = CodingProgress(problem_id=problem) if problem else None
    return state
