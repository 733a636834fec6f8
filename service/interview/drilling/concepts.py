"""The résumé→concept bridge: which concept questions come from the candidate's own techniques.

At the start (:func:`link_resume`) the techniques each drilled project names — the résumé
lexicon's models, algorithms and techniques in the project's text — are linked to knowledge-base
entries (terms, then dense retrieval; see :mod:`.techniques`); answers add more during drilling.
When the concept stage begins, :func:`order_concepts` puts linked entries first: résumé links of
the main project, then of the other projects, then links from answers, skipping entries already
asked (a technique probe during drilling) — at most all but one of the planned questions, so one
question by track always remains for breadth. Each linked question records which technique led
to it (``linked_from``) and whether it came from the résumé or an answer (``link_source``).
"""

from __future__ import annotations

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
    ranked = sorted(enumerate(state.linked),
                    key=lambda item: (SOURCE_RANK.get(item[1].get("source", "answer"), 1),
                                      item[0]))
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
