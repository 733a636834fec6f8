"""The interview state machine: the server decides every move.

:class:`InterviewEngine` walks the stages in order — self-introduction → project drilling (only
with a résumé) → concept questions → coding → the candidate's questions → closed — and returns,
for each candidate turn, a :class:`Step`: the :class:`Directive` for the interviewer's reply plus
what the turn earned (a grade, a drilling analysis). Candidate text is only ever *analysed*; it
never selects a transition by itself. Asking to skip or instructing the interviewer is refused and
counts as a non-answer, so it can neither skip drilling nor change a score.

Drilling listens (:mod:`service.interview.drilling`): each answer is assessed against the point's
slots, its numbers against the claim ledger, its techniques against the knowledge base; the engine
then presses quoting the candidate's words, confronts a contradiction, probes a technique or moves
on. The concept stage asks first about the entries linked to the candidate's own techniques
(résumé and answers), then by track. Concept answers are graded by the judge against the entry's
key points; one follow-up per question targets what was missed. Coding results come from the
evaluators; the feedback names the failing case.

No line is said twice in one interview: the engine renders each directive with the offline
phrasing (a pure function) and, if that line was already said, asks for another variant; the
state keeps short hashes of every line.

The engine runs without models: ``embedder`` (for slot meaning) and the knowledge index (for
retrieval links) are optional, so the state machine is tested with a mapping of entries and a
fake judge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evaluators.result import GradeResult
from knowledge.base import KnowledgeBase
from knowledge.embedder import Embedder
from service.interview import analysis
from service.interview.brains.judge import Judge
from service.interview.brains.offline import render
from service.interview.candidate_questions import Matcher, plan_answer
from service.interview.coding_stage import GIVE_UP_AFTER
from service.interview.coding_stage import decide as decide_coding_move
from service.interview.coding_talk import CodingProblem, problem_from_entry
from service.interview.directives import Directive
from service.interview.drilling.assess import SlotAssessor, SlotBank
from service.interview.drilling.concepts import link_resume, order_concepts
from service.interview.drilling.flow import ProjectDrill
from service.interview.drilling.techniques import TechniqueLinker, index_dense
from service.interview.grading.models import AnswerGrade
from service.interview.state import InterviewState

MAX_VARIANTS = 8


@dataclass
class Step:
    directive: Directive
    grade: dict[str, Any] | None = None
    analysis: dict[str, Any] | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.directive.kind == "close"


class InterviewEngine:
    def __init__(self, kb: KnowledgeBase, judge: Judge,
                 problem_titles: dict[str, tuple[str, str]], *,
                 embedder: Embedder | None = None, semantic_slots: bool = False,
                 slot_bank: SlotBank | None = None,
                 phrase: Callable[[Directive], str] = render,
                 question_matcher: Matcher | None = None) -> None:
        """``embedder``: defaults to the knowledge index's. ``semantic_slots``: also fill slots by
        meaning (slot exemplars embedded once into ``slot_bank``, one batched encode of each
        answer's clauses). Off by default: measured on the labelled sets it does not improve
        decisions and lowers slot precision (see ``benchmarks/drilling.py --semantic``).
        ``question_matcher``: classifies the candidate's own questions by meaning (反问; a
        ``candidate_questions.SemanticMatcher``), else by cue patterns only."""
        self.kb = kb
        self.question_matcher = question_matcher
        self.judge = judge
        self.problem_titles = problem_titles
        self.phrase = phrase
        index = getattr(kb, "index", None)
        self.embedder = embedder if embedder is not None else getattr(index, "embedder", None)
        if semantic_slots and slot_bank is None and self.embedder is not None:
            slot_bank = SlotBank.build(self.embedder.embed_queries)
        self.linker = TechniqueLinker(kb.entries, index_dense(index) if index is not None else None)
        embed = self.embedder.embed_queries if self.embedder is not None else None
        self.drill = ProjectDrill(kb, judge, SlotAssessor(slot_bank), self.linker, self._directive,
                                  embed if slot_bank is not None else None)

    # ---- directives -------------------------------------------------------------------------
    def _directive(self, state: InterviewState, kind: str, **data: Any) -> Directive:
        directive = Directive(kind=kind, language=state.language, track=state.track,
                              **data)
        self._fresh_line(state, directive)
        if directive.kind not in ("refuse_skip", "close"):
            state.pending_question = directive.model_dump_json()
        return directive

    def _fresh_line(self, state: InterviewState, directive: Directive) -> None:
        """Pick the first phrasing variant not said before in this interview, and remember it."""
        for variant in range(MAX_VARIANTS):
            directive.extra["variant"] = variant
            digest = hashlib.sha256(self.phrase(directive).encode("utf-8")).hexdigest()[:12]
            if digest not in state.said:
                break
        state.said.append(digest)

    def opening(self, state: InterviewState) -> Directive:
        link_resume(state, self.linker)
        return self._directive(state, "greet_and_ask_intro")

    def _concept_directive(self, state: InterviewState) -> Directive:
        progress = state.concepts[state.concept_index]
        entry = self.kb.get(progress.entry_id)
        return self._directive(state, "ask_concept", entry_id=entry.id,
                               question=entry.question(state.language),
                               reference=entry.answer(state.language),
                               technique=progress.linked_from,
                               extra={"link_source": progress.link_source}
                               if progress.linked_from else {},
                               key_points=[kp.zh if state.language == "zh" else kp.en
                                           for kp in entry.key_points])

    def _coding_directive(self, state: InterviewState) -> Directive:
        assert state.coding is not None
        pid = state.coding.problem_id
        zh, en = self.problem_titles.get(pid, (pid, pid))  # in the interview's language
        return self._directive(state, "present_coding", problem_id=pid,
                               problem_title=zh if state.language == "zh" else en)

    # ---- stage transitions ------------------------------------------------------------------
    def _enter(self, state: InterviewState, stage: str) -> Directive:
        """Enter ``stage`` or the first later stage that has something to do."""
        order = ["project", "concept", "coding", "questions", "closed"]
        for name in order[order.index(stage):]:
            state.stage = name  # type: ignore[assignment]
            if name == "project" and state.projects:
                first = self.drill.start(state)
                if first is not None:
                    return first
            if name == "concept":
                order_concepts(state, self.kb)
                if state.concepts:
                    state.concept_index = 0
                    return self._concept_directive(state)
            if name == "coding" and state.coding is not None:
                return self._coding_directive(state)
            if name == "questions":
                return self._directive(state, "invite_questions")
            if name == "closed":
                return self._directive(state, "close")
        raise AssertionError("unreachable")

    # ---- candidate turns --------------------------------------------------------------------
    def on_message(self, state: InterviewState, text: str) -> Step:
        if state.stage == "closed":
            raise ValueError("interview is closed")
        manipulation = analysis.detect_manipulation(text)
        if manipulation is not None and state.stage in ("intro", "project", "concept", "coding"):
            return self._refuse(state, text, manipulation)
        handler = {"intro": self._on_intro, "project": self._on_project,
                   "concept": self._on_concept, "coding": self._on_coding_message,
                   "questions": self._on_question}[state.stage]
        return handler(state, text)

    def _refuse(self, state: InterviewState, text: str, manipulation: str) -> Step:
        """Decline; a drilling or concept turn still counts as an empty answer."""
        state.skip_attempts += 1
        flags = [manipulation]
        if state.stage == "project":
            step = self._on_project(state, "")
            step.flags = flags
            return step
        if state.stage == "concept":
            step = self._on_concept(state, "")
            step.flags = flags
            return step
        if state.stage == "coding" and state.coding is not None and manipulation == "skip":
            state.coding.stuck += 1  # asking to skip the code is not being able to write it
            if state.coding.stuck >= GIVE_UP_AFTER:  # … said again: left unsolved, moving on
                step = self._leave_coding(state, unsolved=True)
                step.flags = flags
                return step
        pending = Directive.model_validate_json(state.pending_question) if \
            state.pending_question else None
        question = pending.question if pending and pending.question else None
        directive = Directive(kind="refuse_skip", language=state.language, track=state.track,
                              question=question, candidate_text=text[:500],
                              problem_id=state.coding.problem_id if state.coding else None)
        self._fresh_line(state, directive)
        return Step(directive=directive, flags=flags)

    def _on_intro(self, state: InterviewState, text: str) -> Step:
        state.intro_score = analysis.score_intro(text)
        self.drill.link_text(state, text)
        return Step(directive=self._enter(state, "project"),
                    analysis={"intro_score": state.intro_score})

    def _on_project(self, state: InterviewState, text: str) -> Step:
        directive, info, grade = self.drill.on_answer(state, text)
        if directive is None:
            directive = self._enter(state, "concept")
        return Step(directive, grade=grade, analysis=info)

    def _on_concept(self, state: InterviewState, text: str) -> Step:
        progress = state.concepts[state.concept_index]
        entry = self.kb.get(progress.entry_id)
        grade = self.judge.grade(entry, text, state.language)
        if not progress.follow_up_asked:
            progress.first_score = float(grade.score)
            progress.hit, progress.missed = list(grade.hit), list(grade.missed)
            # a candidate who says they do not know is not pressed "one level deeper": next one
            if grade.missed and grade.score < 90 and grade.non_answer is None:
                progress.follow_up_asked = True
                return Step(self._follow_up(state, entry, grade), grade=grade.model_dump())
        else:
            progress.follow_up_score = float(grade.score)
            progress.hit = sorted(set(progress.hit) | set(grade.hit))
            progress.missed = [i for i in progress.missed if i not in progress.hit]
        state.concept_index += 1
        if state.concept_index >= len(state.concepts):
            return Step(self._enter(state, "coding"), grade=grade.model_dump())
        return Step(self._concept_directive(state), grade=grade.model_dump())

    def _follow_up(self, state: InterviewState, entry: Any, grade: AnswerGrade) -> Directive:
        missed = set(grade.missed)
        lang = state.language
        # press on what was missed: a follow-up all of whose targets were missed, else one that
        # shares a missed target; one about ticked points only comes last
        chosen = min(entry.follow_ups, key=lambda f: (not set(f.targets) <= missed,
                                                       not missed & set(f.targets)))
        return self._directive(
            state, "concept_follow_up", entry_id=entry.id,
            question=chosen.zh if lang == "zh" else chosen.en,
            missed_points=[entry.key_points[i].zh if lang == "zh" else entry.key_points[i].en
                           for i in grade.missed],
            reference=entry.answer(lang), vague_reasons=list(grade.vague_reasons),
            score=float(grade.score))

    def _coding_problem(self, problem_id: str, language: str) -> CodingProblem:
        zh, en = self.problem_titles.get(problem_id, (problem_id, problem_id))
        entry = self.kb.get(problem_id) if problem_id in self.kb else None
        return problem_from_entry(problem_id, zh if language == "zh" else en, entry)

    def _on_coding_message(self, state: InterviewState, text: str) -> Step:
        """Talk in the coding stage (see :mod:`service.interview.coding_stage`): an approach
        before the first run, bug talk after a failing one, questions about the problem."""
        coding = state.coding
        assert coding is not None
        problem = self._coding_problem(coding.problem_id, state.language)
        move = decide_coding_move(coding, text, problem, state.plan.coding_attempts)
        if move.action == "talk":
            return Step(self._directive(state, "coding_talk", problem_id=coding.problem_id,
                                        problem_title=problem.title,
                                        failing_test=coding.last_failing_test,
                                        extra=move.extra))
        if move.action == "resubmit":
            return Step(self._directive(state, "coding_feedback", problem_id=coding.problem_id,
                                        status=coding.last_status, score=coding.best_score,
                                        extra={"resubmit": True}))
        coding.explained = coding.explained or move.action == "move_on"
        return self._leave_coding(state, unsolved=move.action == "give_up")

    def _leave_coding(self, state: InterviewState, unsolved: bool) -> Step:
        """On to the candidate's questions; ``unsolved``: the candidate gave the problem up."""
        step = Step(self._enter(state, "questions"))
        if unsolved:
            step.directive.extra["coding_left"] = True
        return step

    def on_code(self, state: InterviewState, result: GradeResult) -> Step:
        coding = state.coding
        assert coding is not None and state.stage == "coding"
        coding.attempts += 1
        coding.nudged = False
        coding.talks_since_run = 0
        coding.best_score = max(coding.best_score, result.score)
        coding.last_status = result.status
        coding.passed = coding.passed or result.status == "passed"
        failing = result.first_failure()
        coding.last_failing_test = failing.name if failing else None
        directive = self._directive(
            state, "coding_feedback", problem_id=coding.problem_id, status=result.status,
            score=result.score, failing_test=failing.name if failing else None,
            failing_message=(failing.message if failing else result.error),
            extra={"attempts": coding.attempts, "max_attempts": state.plan.coding_attempts,
                   "forbidden": result.forbidden_calls})
        return Step(directive)

    def _on_question(self, state: InterviewState, text: str) -> Step:
        """反问: answer in general terms about the role for the track (see
        :mod:`service.interview.candidate_questions`); the last allowed question is answered in
        the closing line. "没有了" closes at once."""
        plan = state.plan.candidate_questions
        last = state.questions_answered + 1 >= plan
        answer = plan_answer(text, state.track, state.language, closing=last,
                             matcher=self.question_matcher)
        if answer.category == "none" or state.questions_answered >= plan:
            state.stage = "closed"
            return Step(self._directive(state, "close"))
        state.question_categories.append(answer.category)
        if answer.category != "unclear" or state.question_categories.count("unclear") > 1:
            state.questions_answered += 1
        extra = {"body": answer.body, "invite": answer.invite, "category": answer.category}
        if last and answer.category != "unclear":
            state.stage = "closed"
            return Step(self._directive(state, "close", candidate_text=text[:1000],
                                        extra={"answer": answer.body,
                                               "category": answer.category}))
        return Step(self._directive(state, "answer_candidate_question",
                                    candidate_text=text[:1000], extra=extra))

    # ---- time control -----------------------------------------------------------------------
    def end_early(self, state: InterviewState) -> Step:
        """The candidate ends the interview now: it is scored on what was asked so far."""
        if state.stage == "closed":
            raise ValueError("interview is closed")
        state.ended_early, state.ended_in_stage = True, state.stage
        state.stage = "closed"
        return Step(self._directive(state, "close", extra={"ended_early": True}))
