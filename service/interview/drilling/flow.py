"""The project-drilling stage: listen to each answer, then press, confront, probe or move on.

For every answer to a drilling question :class:`ProjectDrill`

1. assesses it against the point's slots (:mod:`.assess`; one batched encode of its clauses when
   an embedder is available) and adds what it filled to the point — cumulatively, so a press only
   has to bring what is still missing; slots it filled for *other* points are credited to them;
2. checks its numbers against the claim ledger (:mod:`.ledger`): a clash is confronted in the
   very next line, quoting both sides;
3. links the techniques it names to knowledge-base entries (:mod:`.techniques`);
4. decides: **confront** a contradiction; **let go** when the point's rule is satisfied (then,
   in standard and full interviews, possibly **probe** a technique the answer named — a new point,
   ``technique``, graded by the judge); **press** (same point, ``depth + 1``) quoting the
   candidate's own words and asking for exactly the missing slots; or **move on** at the depth
   limit. Points whose slots were all credited earlier are skipped, so a strong candidate moves
   fast; a weak one is pressed ``MAX_DRILL_DEPTH`` times per point and never loops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from knowledge.base import KnowledgeBase
from service.interview.brains.advisor import SlotAdvisor, accept
from service.interview.brains.judge import Judge
from service.interview.directives import Directive
from service.interview.drilling import detectors
from service.interview.drilling.assess import Assessment, SlotAssessor
from service.interview.drilling.ledger import Conflict, Ledger
from service.interview.drilling.slots import BY_KEY, RULES, SLOTS, missing_for, satisfied
from service.interview.drilling.techniques import TechniqueLinker, mentions_in
from service.interview.state import MAX_DRILL_DEPTH, InterviewState, PointResult, ProjectProgress

Say = Callable[..., Directive]
Embed = Callable[[list[str]], np.ndarray]
PROBE_AFTER = frozenset({"model", "training", "data", "difficulty", "novelty"})
PROBE_FOLLOW_UP_BELOW = 60.0


def point_score(result: PointResult, presses: int) -> float:
    """0–100 from the slots given (against what the point's rule needs) and the presses it took;
    a claim that did not match the résumé or an earlier answer costs more than a press (the
    confrontation is one press, and the mismatch itself another ten points)."""
    rule = RULES[result.point]
    names = {s.name for s in SLOTS[result.point]}
    filled = len(names & set(result.slots))
    coverage = min(filled / rule.min_filled, 1.0)
    if satisfied(result.point, set(result.slots)):
        score = 75 + 25 * min(filled / max(len(names) - 1, 1), 1.0)
    else:
        score = 10 + 45 * coverage
    score -= 10 * presses + 5 * min(len(result.evaded), 3) + 10 * min(len(result.contradictions), 2)
    return round(max(0.0, min(100.0, score)), 1)


class ProjectDrill:
    def __init__(self, kb: KnowledgeBase, judge: Judge, assessor: SlotAssessor,
                 linker: TechniqueLinker, say: Say, embed: Embed | None = None) -> None:
        self.kb, self.judge, self.assessor, self.linker = kb, judge, assessor, linker
        self.say, self.embed = say, embed
        self.lang = "zh"
        self.advisor: SlotAdvisor | None = None  # a capable LLM's proposals, validated

    # ---- asking --------------------------------------------------------------------------
    def _project(self, state: InterviewState) -> ProjectProgress:
        return state.projects[state.project_index]

    def _current(self, state: InterviewState) -> PointResult:
        return self._project(state).points[state.point_index]

    def ask(self, state: InterviewState, **data: Any) -> Directive:
        """The question for the current point at ``state.depth`` (``data``: a press's fields)."""
        project, result = self._project(state), self._current(state)
        kind = "ask_project" if state.point_index == 0 and state.depth == 0 and not data else \
            "drill_point"
        if state.depth == 0 and not data and result.slots:
            data = self._credited_ask(state, result)
        return self.say(state, kind, project_name=project.name,
                        project_summary=claim_summary(project.claim), point=result.point,
                        depth=state.depth, **data)

    def _credited_ask(self, state: InterviewState, result: PointResult) -> dict[str, Any]:
        """First question on a point an earlier answer already partly covered."""
        lang = state.language
        gaps = missing_for(result.point, set(result.slots))
        quote = next(iter(result.slots.values()))
        return {"quote": quote, "quote_kind": "credited",
                "slots": [s.key for s in gaps], "asks": [s.ask(lang) for s in gaps],
                "credited": [BY_KEY[f"{result.point}.{n}"].label(lang) for n in result.slots]}

    def start(self, state: InterviewState) -> Directive | None:
        state.project_index, state.point_index, state.depth = 0, -1, 0
        return self.advance(state)

    def advance(self, state: InterviewState) -> Directive | None:
        """Move to the next point not yet covered (skipping ones credited in full), or ``None``
        when every project is done."""
        state.depth = 0
        while state.project_index < len(state.projects):
            project = self._project(state)
            state.point_index += 1
            while state.point_index < len(project.points):
                result = self._current(state)
                if satisfied(result.point, set(result.slots)):
                    result.done, result.score = True, point_score(result, 0)
                    state.point_index += 1
                    continue
                return self.ask(state)
            state.project_index += 1
            state.point_index = -1
        return None

    # ---- listening -----------------------------------------------------------------------
    def on_answer(self, state: InterviewState, text: str) -> tuple[Directive | None, dict[str, Any],
                                                                   dict[str, Any] | None]:
        """(next directive or ``None`` when drilling is over, the turn's analysis, a grade)."""
        project = self._project(state)
        if project.probe is not None:
            return self._on_probe(state, project, text)
        result = self._current(state)
        self.lang = state.language
        found = self._assess(state, project, result.point, text)
        ledger = Ledger(project.ledger)
        conflicts = ledger.check(text, result.point) if text.strip() else []
        project.ledger = ledger.entries
        done = {key for p in project.points for key in p.confronted}
        conflicts = [c for c in conflicts if c.key not in done]
        if state.depth > MAX_DRILL_DEPTH:
            conflicts = []  # one confrontation past the press limit, never a loop
        links = self.link_text(state, text, project)
        self._record(project, result, found)
        result.attempts += 1
        result.contradictions += [c.as_text() for c in conflicts]
        info: dict[str, Any] = {
            "point": result.point, "depth": state.depth, **found.as_dict(),
            "contradictions": [c.as_text() for c in conflicts],
            "techniques": [link["mention"] for link in links]}  # names, not upcoming entry ids
        let_go = satisfied(result.point, set(result.slots)) and not found.off_point
        info["decision"] = "confront" if conflicts else "let_go" if let_go else (
            "press" if state.depth < MAX_DRILL_DEPTH else "move_on")
        presses = state.depth
        info["reasons"] = list(result.vague_reasons)
        info["score"] = result.score = point_score(result, presses)
        if conflicts:
            result.confronted.append(conflicts[0].key)
            return self._confront(state, conflicts[0]), info, None
        if not let_go and state.depth < MAX_DRILL_DEPTH:
            result.score = point_score(result, presses + 1)
            state.depth += 1
            result.quotes.append(found.quote)
            return self._press(state, result, found), info, None
        result.done, result.score = True, point_score(result, presses)
        probe = self._maybe_probe(state, project, result, links) if let_go else None
        if probe is not None:
            info["decision"] = "probe"
            return probe, info, None
        return self.advance(state), info, None

    def _assess(self, state: InterviewState, project: ProjectProgress, point: str,
                text: str) -> Assessment:
        known = frozenset(f"{p.point}.{s}" for p in project.points for s in p.slots)
        vectors = None
        if self.embed is not None and self.assessor.bank is not None and text.strip():
            clauses = self.assessor.clause_texts_of(text)
            vectors = self.embed(clauses) if clauses else None
        found = self.assessor.assess(point, text, vectors, known=known)
        if self.advisor is not None and text.strip():
            for proposal in accept(point, text, self.advisor.propose(point, text, state.language)):
                if proposal.status == "filled":
                    found.filled.setdefault(proposal.slot, proposal.evidence)
                    found.evaded.pop(proposal.slot, None)
                elif proposal.slot not in found.filled:
                    found.evaded.setdefault(proposal.slot, proposal.evidence)
        return found

    def _record(self, project: ProjectProgress, result: PointResult, found: Assessment) -> None:
        for name, words in found.filled.items():
            result.slots.setdefault(name, words)
        for name, words in found.evaded.items():
            if name not in result.slots:
                result.evaded.setdefault(name, words)
        result.vague_reasons = readable_reasons(result, found, self.lang)
        if found.best and len(found.best) > len(result.best):
            result.best = found.best
        for key, words in found.credited.items():
            point, name = key.split(".", 1)
            other = project.point(point)
            if other is not None and not other.done and name not in other.slots:
                other.slots[name] = words
                other.credited.append(name)

    def link_text(self, state: InterviewState, text: str,
                  project: ProjectProgress | None = None) -> list[dict[str, Any]]:
        """Techniques ``text`` names, linked by the knowledge base's own terms (no model call on
        the turn's path), recorded for the concept stage and the preparation sheet."""
        links = self.linker.link(mentions_in(text), source="answer", retrieve=False)
        known = {link["entry_id"] for link in state.linked}
        fresh = []
        for link in links:
            record = {"mention": link.mention, "entry_id": link.entry_id, "via": link.via,
                      "source": "answer", "project": project.name if project else None}
            fresh.append(record)
            if link.entry_id not in known:
                state.linked.append(record)
                known.add(link.entry_id)
                if project is not None:
                    project.techniques.append(record)
        return fresh

    # ---- the three moves ---------------------------------------------------------------------
    def _press(self, state: InterviewState, result: PointResult, found: Assessment) -> Directive:
        lang = state.language
        gaps = missing_for(result.point, set(result.slots))
        credited = [BY_KEY[k].label(lang) for k in found.credited] if found.off_point else []
        return self.ask(state, quote=found.quote, quote_kind=found.quote_kind,
                        slots=[s.key for s in gaps], asks=[s.ask(lang) for s in gaps],
                        credited=credited, vague_reasons=list(result.vague_reasons),
                        technique=main_model(self._project(state)))

    def _confront(self, state: InterviewState, conflict: Conflict) -> Directive:
        state.depth += 1
        return self.ask(state, contradiction=conflict.as_text(), quote=conflict.said,
                        quote_kind="contradiction",
                        vague_reasons=[f"contradiction:{conflict.source}"])

    def _maybe_probe(self, state: InterviewState, project: ProjectProgress, result: PointResult,
                     links: list[dict[str, Any]]) -> Directive | None:
        if result.point not in PROBE_AFTER or len(project.probes) >= state.plan.technique_probes:
            return None
        asked = {p.entry_id for p in state.probes} | {c.entry_id for c in state.concepts
                                                      if c.first_score is not None}
        from_resume = {lk["entry_id"] for lk in state.linked
                       if lk.get("source") == "resume" and lk["entry_id"] in self.kb} - asked

        def keeps_one(entry_id: str) -> bool:  # the concept stage keeps a résumé-linked question
            return not from_resume or bool(from_resume - {entry_id})

        link = next((lk for lk in links if lk["entry_id"] not in asked
                     and lk["entry_id"] in self.kb and keeps_one(lk["entry_id"])), None)
        if link is None:
            return None
        project.probes.append(link["entry_id"])
        project.probe = {"entry_id": link["entry_id"], "mention": link["mention"], "depth": 0}
        return self._probe_directive(state, project, link["entry_id"], link["mention"], 0)

    def _probe_directive(self, state: InterviewState, project: ProjectProgress, entry_id: str,
                         mention: str, depth: int, question: str | None = None,
                         missed: list[str] | None = None) -> Directive:
        entry = self.kb.get(entry_id)
        lang = state.language
        return self.say(state, "drill_point", project_name=project.name, point="technique",
                        depth=depth, entry_id=entry_id, technique=mention,
                        question=question or entry.question(lang), reference=entry.answer(lang),
                        key_points=[kp.zh if lang == "zh" else kp.en for kp in entry.key_points],
                        missed_points=missed or [])

    def _on_probe(self, state: InterviewState, project: ProjectProgress,
                  text: str) -> tuple[Directive | None, dict[str, Any], dict[str, Any] | None]:
        from service.interview.state import ConceptProgress

        probe = project.probe
        assert probe is not None
        entry = self.kb.get(probe["entry_id"])
        grade = self.judge.grade(entry, text, state.language)
        record = next((p for p in state.probes if p.entry_id == entry.id), None)
        if record is None:
            record = ConceptProgress(entry_id=entry.id, linked_from=probe["mention"],
                                     link_source="answer", asked_in="project",
                                     first_score=float(grade.score), hit=list(grade.hit),
                                     missed=list(grade.missed))
            state.probes.append(record)
            info = {"point": "technique", "depth": 0, "entry_id": entry.id,
                    "score": grade.score, "decision": "let_go"}
            if grade.missed and grade.score < PROBE_FOLLOW_UP_BELOW:
                record.follow_up_asked = True
                probe["depth"] = 1
                lang = state.language
                targeted = [f for f in entry.follow_ups if set(grade.missed) & set(f.targets)]
                chosen = (targeted or list(entry.follow_ups))[0]
                info["decision"] = "press"
                missed = [entry.key_points[i].zh if lang == "zh" else entry.key_points[i].en
                          for i in grade.missed]
                return (self._probe_directive(state, project, entry.id, probe["mention"], 1,
                                              chosen.zh if lang == "zh" else chosen.en, missed),
                        info, grade.model_dump())
        else:
            record.follow_up_score = float(grade.score)
            record.hit = sorted(set(record.hit) | set(grade.hit))
            record.missed = [i for i in record.missed if i not in record.hit]
            info = {"point": "technique", "depth": 1, "entry_id": entry.id,
                    "score": grade.score, "decision": "move_on"}
        project.probe = None
        return self.advance(state), info, grade.model_dump()


def main_model(project: ProjectProgress) -> str | None:
    """The project's model as the candidate named it (their answer, else the résumé)."""
    arch = project.point("model")
    for text in ([arch.slots["arch"]] if arch and "arch" in arch.slots else []) + [
            str(project.claim.get("raw") or "")]:
        names = detectors.named_models(text, text.lower())
        if names:
            return names[0]
    return None


def readable_reasons(result: PointResult, found: Assessment, language: str) -> list[str]:
    """Why a point is not done yet, for people: the evasive words, then the missing slots."""
    zh = language == "zh"
    reasons = []
    if found.evaded:
        reasons.append(f"回避：「{found.quote}」" if zh else f'evasive: "{found.quote}"')
    elif found.off_point:
        reasons.append(f"答非所问：「{found.quote}」" if zh else f'off the point: "{found.quote}"')
    for slot in missing_for(result.point, set(result.slots)):
        reasons.append(f"缺：{slot.label_zh}" if zh else f"missing: {slot.label_en}")
    return reasons if not satisfied(result.point, set(result.slots)) else []


def claim_summary(claim: dict[str, Any]) -> str:
    lines = []
    for key in ("role", "task", "methods", "data", "contribution"):
        value = claim.get(key)
        if value:
            lines.append(f"{key}: {value if isinstance(value, str) else ', '.join(map(str, value))}")
    metrics = [m.get("raw") for m in claim.get("metrics") or [] if m.get("raw")]
    if metrics:
        lines.append("metrics: " + "; ".join(metrics))
    return "\n".join(lines)[:800]
