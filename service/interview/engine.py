"""The interview state machine: the server decides every move.

:class:`InterviewEngine` walks the stages in order — self-introduction → project drilling (only
with a résumé) → concept questions → coding → the candidate's questions → closed — and returns,
for each candidate turn, a :class:`Step`: the :class:`Directive` for the interviewer's reply plus
what the turn earned (a grade, a drilling analysis). Candidate text is only ever *analysed*; it
never selects a transition by itself. Asking to skip or instructing the interviewer is refused and
counts as a non-answer, so it can neither skip drilling nor change a score.

Drilling walks each chosen project's points (task, model, training, data, difficulty, novelty, …).
A vague answer is pressed again on the same point, up to ``MAX_DRILL_DEPTH`` levels, before the
engine moves on; contradictions with the résumé are carried into the next question. Concept
answers are graded by the judge against the entry's key points; one follow-up per question targets
what was missed. Coding results come from the evaluators; the feedback names the failing case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evaluators.result import GradeResult
from knowledge.base import KnowledgeBase
from service.interview import analysis
from service.interview.brains.judge import Judge
from service.interview.directives import Directive
from service.interview.grading.models import AnswerGrade
from service.interview.state import MAX_DRILL_DEPTH, InterviewState

NO_MORE_QUESTIONS = ("没有了", "没有问题", "没问题了", "没有其他", "暂时没有", "no more", "no questions",
                     "nothing else", "that's all", "没了", "不用了")


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
                 problem_titles: dict[str, tuple[str, str]]) -> None:
        self.kb = kb
        self.judge = judge
        self.problem_titles = problem_titles

    # ---- directives -------------------------------------------------------------------------
    def _directive(self, state: InterviewState, kind: str, **data: Any) -> Directive:
        directive = Directive(kind=kind, language=state.language, track=state.track,
                              **data)
        if directive.kind not in ("refuse_skip", "close"):
            state.pending_question = directive.model_dump_json()
        return directive

    def opening(self, state: InterviewState) -> Directive:
        return self._directive(state, "greet_and_ask_intro")

    def _project_directive(self, state: InterviewState, depth: int, reasons: list[str],
                           contradiction: str | None = None) -> Directive:
        project = state.projects[state.project_index]
        point = project.points[state.point_index].point
        kind = "ask_project" if state.point_index == 0 and depth == 0 else "drill_point"
        return self._directive(state, kind, project_name=project.name,
                               project_summary=_claim_summary(project.claim), point=point,
                               depth=depth, vague_reasons=reasons, contradiction=contradiction)

    def _concept_directive(self, state: InterviewState) -> Directive:
        progress = state.concepts[state.concept_index]
        entry = self.kb.get(progress.entry_id)
        return self._directive(state, "ask_concept", entry_id=entry.id,
                               question=entry.question(state.language),
                               reference=entry.answer(state.language),
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
                state.project_index = state.point_index = state.depth = 0
                return self._project_directive(state, 0, [])
            if name == "concept" and state.concepts:
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
        pending = Directive.model_validate_json(state.pending_question) if \
            state.pending_question else None
        question = pending.question if pending and pending.question else None
        directive = Directive(kind="refuse_skip", language=state.language, track=state.track,
                              question=question, candidate_text=text[:500],
                              problem_id=state.coding.problem_id if state.coding else None)
        return Step(directive=directive, flags=flags)

    def _on_intro(self, state: InterviewState, text: str) -> Step:
        state.intro_score = analysis.score_intro(text)
        return Step(directive=self._enter(state, "project"),
                    analysis={"intro_score": state.intro_score})

    def _on_project(self, state: InterviewState, text: str) -> Step:
        project = state.projects[state.project_index]
        result = project.points[state.point_index]
        found = analysis.analyze_drill_answer(result.point, text, project.claim)
        result.attempts += 1
        result.score = max(result.score, found.score - 10 * state.depth)
        result.vague_reasons = found.reasons
        result.contradictions += found.contradictions
        info = {"point": result.point, "depth": state.depth, "score": found.score,
                "vague": found.vague, "reasons": found.reasons,
                "contradictions": found.contradictions}
        if (found.vague or found.contradictions) and state.depth < MAX_DRILL_DEPTH:
            state.depth += 1
            contradiction = found.contradictions[0] if found.contradictions else None
            return Step(self._project_directive(state, state.depth, found.reasons, contradiction),
                        analysis=info)
        return Step(self._advance_project(state), analysis=info)

    def _advance_project(self, state: InterviewState) -> Directive:
        state.depth = 0
        state.point_index += 1
        if state.point_index >= len(state.projects[state.project_index].points):
            state.project_index += 1
            state.point_index = 0
            if state.project_index >= len(state.projects):
                return self._enter(state, "concept")
        return self._project_directive(state, 0, [])

    def _on_concept(self, state: InterviewState, text: str) -> Step:
        progress = state.concepts[state.concept_index]
        entry = self.kb.get(progress.entry_id)
        grade = self.judge.grade(entry, text, state.language)
        if not progress.follow_up_asked:
            progress.first_score = float(grade.score)
            progress.hit, progress.missed = list(grade.hit), list(grade.missed)
            if grade.missed and grade.score < 90:
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
            reference=entry.answer(lang), vague_reasons=list(grade.vague_reasons))

    def _on_coding_message(self, state: InterviewState, text: str) -> Step:
        coding = state.coding
        assert coding is not None
        if coding.attempts == 0:
            return self._refuse(state, text, "no_submission")
        if coding.passed or coding.attempts >= state.plan.coding_attempts or coding.nudged:
            coding.explained = True
            return Step(self._enter(state, "questions"))
        coding.nudged = True
        return Step(self._directive(state, "coding_feedback", problem_id=coding.problem_id,
                                    status=coding.last_status, score=coding.best_score,
                                    extra={"resubmit": True}))

    def on_code(self, state: InterviewState, result: GradeResult) -> Step:
        coding = state.coding
        assert coding is not None and state.stage == "coding"
        coding.attempts += 1
        coding.nudged = False
        coding.best_score = max(coding.best_score, result.score)
        coding.last_status = result.status
        coding.passed = coding.passed or result.status == "passed"
        failing = result.first_failure()
        directive = self._directive(
            state, "coding_feedback", problem_id=coding.problem_id, status=result.status,
            score=result.score, failing_test=failing.name if failing else None,
            failing_message=(failing.message if failing else result.error),
            extra={"attempts": coding.attempts, "max_attempts": state.plan.coding_attempts,
                   "forbidden": result.forbidden_calls})
        return Step(directive)

    def _on_question(self, state: InterviewState, text: str) -> Step:
        norm = text.strip().lower()
        if any(p in norm for p in NO_MORE_QUESTIONS) or \
                state.questions_answered >= state.plan.candidate_questions:
            state.stage = "closed"
            return Step(self._directive(state, "close"))
        state.questions_answered += 1
        return Step(self._directive(state, "answer_candidate_question", candidate_text=text[:1000]))


def _claim_summary(claim: dict[str, Any]) -> str:
    lines = []
    for key in ("role", "task", "methods", "data", "contribution"):
        value = claim.get(key)
        if value:
            lines.append(f"{key}: {value if isinstance(value, str) else ', '.join(map(str, value))}")
    metrics = [m.get("raw") for m in claim.get("metrics") or [] if m.get("raw")]
    if metrics:
        lines.append("metrics: " + "; ".join(metrics))
    return "\n".join(lines)[:800]
