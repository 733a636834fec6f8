"""The résumé→concept bridge: which concept questions come from the candidate's own techniques.

At the start (:func:`link_resume`) the techniques each drilled project names — the résumé
lexicon's models, algorithms and techniques in the project's text — are linked to knowledge-base
entries (terms, then dense retrieval; see :mod:`.techniques`); answers add more during drilling.
When the concept stage begins, :func:`order_concepts` puts linked entries first: résumé links
one project at a time in turn (the main project's first technique, the next project's first, …,
then each project's second), then links from answers, skipping entries already
asked (a technique probe during drilling) — at most all but one of the planned questions, so one
question by track always remains for breadth. Each linked question records which technique led
to it (``linked_from``) and whether it came from the résumé or an answer (``link_source``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from knowledge.base import KnowledgeBase
from service.interview.drilling.techniques import TechniqueLinker
from service.interview.state import ConceptProgress, InterviewState

SOURCE_RANK = {"resume": 0, "answer": 1}


def link_resume(state: InterviewState, linker: TechniqueLinker) -> None:
    """Link the techniques of every résumé project (drilled ones first), once, at the start."""
    if state.linked or not state.mentions:
        return
    by_project: dict[str, list[str]] = {}
    for item in state.mentions:
        by_project.setdefault(item["project"], []).append(item["mention"])
    projects = {p.name: p for p in state.projects}
    known: set[str] = set()
    for name, mentions in by_project.items():
        for link in linker.link(mentions, source="resume"):
            record: dict[str, Any] = {"mention": link.mention, "entry_id": link.entry_id,
                                      "via": link.via, "source": "resume", "project": name}
            if name in projects:
                projects[name].techniques.append(record)
            if link.entry_id not in known:
                state.linked.append(record)
                known.add(link.entry_id)


def order_concepts(state: InterviewState, kb: KnowledgeBase) -> None:
    """Put linked entries first in the concept plan (see the module docstring)."""
    count = len(state.concepts)
    if count == 0 or state.concept_index > 0 or any(c.first_score is not None
                                                    for c in state.concepts):
        return
    probed = {p.entry_id for p in state.probes}
    ranked = sorted(enumerate(state.linked), key=_round_robin_key(state.linked))
    linked: list[ConceptProgress] = []
    for _, link in ranked:
        entry_id = link["entry_id"]
        if entry_id in probed or entry_id not in kb or kb.get(entry_id).kind != "concept":
            continue
        if any(c.entry_id == entry_id for c in linked):
            continue
        linked.append(ConceptProgress(entry_id=entry_id, linked_from=link.get("mention"),
                                      link_source=link.get("source")))
    keep = max(count - 1, 1) if count > 1 else 1
    linked = linked[:keep]
    taken = {c.entry_id for c in linked} | probed
    rest = [c for c in state.concepts if c.entry_id not in taken]
    state.concepts = (linked + rest)[:count]


def _round_robin_key(links: list[dict[str, Any]]
                     ) -> Callable[[tuple[int, dict[str, Any]]], tuple[int, int, int, int]]:
    """Résumé links before answer links; within each, one per project in turn (the main project
    first), so a second project's nnU-Net is asked before the main project's third technique."""
    projects: dict[Any, int] = {}
    seen: dict[tuple[int, Any], int] = {}
    keys = []
    for i, link in enumerate(links):
        source = SOURCE_RANK.get(link.get("source", "answer"), 1)
        project = projects.setdefault(link.get("project"), len(projects))
        turn = seen.get((source, project), 0)
        seen[(source, project)] = turn + 1
        keys.append((source, turn, project, i))
    return lambda item: keys[item[0]]
