"""Running interviews: the engine decides, a brain speaks, the store remembers.

For every candidate turn :class:`InterviewService` (1) locks the interview row in a database
transaction (:meth:`InterviewStore.locked_interview`; a concurrent message to the same interview,
from this process or another, waits); (2) asks the engine for the next :class:`Directive` and the
turn's grade; (3) asks the primary brain (LLM if configured) to phrase it — falling back to the
offline brain on any failure, logged with its reason; (4) commits the candidate's message, the
assessment and the reply with the new state in that one transaction, and only then (5) answers.
An acknowledged turn is therefore always stored; a turn cut short by a crash is not stored at all.

Every method takes the caller's user id: another user's interview is :class:`NotFound`.

Time (:mod:`service.interview_clock`): every turn counts the time since the last one; a paused
interview takes no turns until it is resumed; ending early closes it at once, scored on what was
asked. When an interview finishes, its concept answers and coding result are added to the
practice history (:mod:`service.practice.from_interview`) in the same transaction.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from evaluators.catalog import get_problem, load_catalog
from evaluators.grader import grade as grade_code
from evaluators.result import GradeResult
from evaluators.sandbox.base import Sandbox
from knowledge.base import KnowledgeBase
from service.interview.brains.base import Brain
from service.interview.brains.registry import speak_with_fallback
from service.interview.candidate_questions import SemanticMatcher
from service.interview.directives import Directive
from service.interview.engine import InterviewEngine, Judge, Step
from service.interview.planning import plan_interview
from service.interview.report import overall_score
from service.interview.state import InterviewState
from service.interview_clock import checkpoint
from service.interview_clock import pause as pause_clock
from service.interview_clock import resume as resume_clock
from service.interview_store import InterviewStore, LockedInterview
from service.journey_schemas import DraftOut
from service.observability import log_event
from service.practice.from_interview import attempts_from_interview
from service.practice_store import PracticeDatabase, check_draft_size, practice_row
from service.schemas import (
    CodeTurnReply,
    InterviewStarted,
    InterviewSummary,
    NewInterview,
    Transcript,
    TurnReply,
)
from service.storage.tables import InterviewRow, utcnow
from service.turn_runner import NullSink, TurnRun, TurnRunner, TurnSink
from service.views import interview_summary, transcript

log = logging.getLogger("kaoda.interview")


class InterviewClosed(Exception):
    """The interview has finished and takes no more turns."""


class TurnRejected(ValueError):
    """A turn that does not fit the interview right now (e.g. code outside the coding stage)."""


class InterviewPaused(TurnRejected):
    """The interview is paused: resume it before answering (409)."""


def log_judge_fallback(judge: Any, entry: str | None) -> None:
    reason = getattr(judge, "last_error", None)
    if reason:
        log_event(log, logging.WARNING, "llm judge fell back to the rubric", reason=reason,
                  judge=getattr(judge, "name", "?"), entry_id=entry)


class InterviewService:
    def __init__(self, store: InterviewStore, kb: KnowledgeBase, judge: Judge, brain: Brain,
                 fallback: Brain, sandbox_provider: Any, runner: TurnRunner | None = None) -> None:
        self.store = store
        self.kb = kb
        self.brain = brain
        self.fallback = fallback
        self.judge = judge
        self.sandbox_provider = sandbox_provider  # () -> Sandbox, raises when unavailable
        self.titles = {pid: (p.title_zh, p.title_en) for pid, p in load_catalog().items()}
        embedder = getattr(getattr(kb, "index", None), "embedder", None)
        matcher = SemanticMatcher(embedder) if embedder is not None else None
        self.engine = InterviewEngine(kb, judge, self.titles, question_matcher=matcher)
        self.runner = runner or TurnRunner()
        self.drafts = PracticeDatabase(store.db)

    def close(self) -> None:
        self.runner.close()

    # ---- speaking -----------------------------------------------------------------------------
    def _speak(self, sink: TurnSink, directive: Directive) -> tuple[str, str]:
        """Phrase ``directive``; any failure of the primary brain is finished by the offline
        brain (see :class:`~service.interview.brains.registry.FallbackSpeech`) and logged."""
        speech = speak_with_fallback(self.brain, self.fallback, directive)
        parts: list[str] = []
        try:
            for chunk in speech:
                parts.append(chunk)
                sink.emit(chunk, speech.brain)
        finally:
            speech.close()
        if speech.errors:
            log_event(log, logging.WARNING, "llm brain fell back to the offline brain",
                      reasons=speech.errors, directive=directive.kind,
                      mid_stream=speech.mid_stream)
        return "".join(parts), speech.brain

    @staticmethod
    def _reply(interview_id: str, state: InterviewState, text: str, brain: str) -> TurnReply:
        return TurnReply(interview_id=interview_id, message=text, brain=brain, stage=state.stage,
                         finished=state.stage == "closed", overall_score=overall_score(state))

    def _answer(self, locked: LockedInterview, state: InterviewState, directive: Directive,
                sink: TurnSink) -> TurnReply:
        """Save the state, speak, and add the reply; the caller's transaction commits it."""
        finished = state.stage == "closed"
        checkpoint(locked.row, utcnow(), running=not finished)
        locked.save_state(state.model_dump(), state.stage, "finished" if finished else "active",
                          overall_score(state))
        if finished:
            self._record_practice(locked, state)
        sink.ready()
        text, brain = self._speak(sink, directive)
        locked.append(role="interviewer", stage=state.stage, kind=directive.kind, content=text,
                      brain=brain, directive=directive.model_dump())
        return self._reply(locked.row.id, state, text, brain)

    # ---- lifecycle ----------------------------------------------------------------------------
    def create(self, user_id: str, body: NewInterview) -> InterviewStarted:
        claims: list[dict[str, Any]] = []
        if body.resume_id is not None:
            claims = list(self.store.get_resume(user_id, body.resume_id).claims)
        state = plan_interview(entries=self.kb.entries, track=body.track, language=body.language,
                               length=body.length, claims=claims,
                               seed=body.seed if body.seed is not None else secrets.randbits(32),
                               recently_asked=self.store.recently_asked(user_id),
                               available_problems=set(load_catalog()))
        directive = self.engine.opening(state)
        text, brain = self._speak(NullSink(), directive)
        row = self.store.create_interview(
            user_id, track=body.track, language=body.language, length=body.length,
            stage=state.stage, resume_id=body.resume_id, state=state.model_dump(),
            opening={"role": "interviewer", "stage": state.stage, "kind": directive.kind,
                     "content": text, "brain": brain, "directive": directive.model_dump()})
        return InterviewStarted(**interview_summary(row).model_dump(), message=text, brain=brain)

    def _record_practice(self, locked: LockedInterview, state: InterviewState) -> None:
        """The finished interview's concepts and coding problem join the practice history."""
        row, kb = locked.row, self.kb

        def key_points(entry_id: str) -> int:
            return len(kb.get(entry_id).key_points) if entry_id in kb else 0

        for attempt in attempts_from_interview(state, key_points, utcnow()):
            kind = "coding" if state.coding and attempt.entry_id == state.coding.problem_id \
                else "concept"
            locked.session.add(practice_row(
                row.user_id, entry_id=attempt.entry_id, kind=kind, source="interview",
                language=row.language, answer="", grade={"score": attempt.score},
                score=attempt.score, missed=attempt.missed, key_points=attempt.key_points,
                interview_id=row.id, at=attempt.at))

    @staticmethod
    def _active_state(row: InterviewRow, *, paused_ok: bool = False) -> InterviewState:
        if row.status == "finished":
            raise InterviewClosed(f"interview {row.id} has finished; start a new one or read "
                                  "its report")
        if row.paused and not paused_ok:
            raise InterviewPaused(f"interview {row.id} is paused; resume it first (POST "
                                  f"/v1/interviews/{row.id}/resume)")
        return InterviewState.model_validate(row.state)

    def message(self, user_id: str, interview_id: str, content: str,
                sink: TurnSink | None = None) -> TurnReply:
        with self.store.locked_interview(user_id, interview_id) as locked:
            state = self._active_state(locked.row)
            stage = state.stage
            locked.append(role="candidate", stage=stage, kind="answer", content=content)
            step = self.engine.on_message(state, content)
            if step.grade is not None:
                log_judge_fallback(self.judge, step.directive.entry_id)
            self._record_step(locked, stage, step)
            if step.directive.kind == "close":
                step.directive.overall_score = overall_score(state)
            return self._answer(locked, state, step.directive, sink or NullSink())

    def stream_message(self, user_id: str, interview_id: str, content: str) -> TurnRun:
        """Start the turn in its own thread; raises like :meth:`message` until it is ready."""
        return self.runner.start(lambda sink: self.message(user_id, interview_id, content, sink))

    @staticmethod
    def _record_step(locked: LockedInterview, stage: str, step: Step) -> None:
        if step.grade is not None or step.analysis is not None or step.flags:
            analysis = dict(step.analysis or {})
            if step.flags:
                analysis["flags"] = step.flags
            locked.append(role="system", stage=stage, kind="assessment", content="",
                          grade=step.grade, analysis=analysis)

    @staticmethod
    def _check_code_turn(state: InterviewState, problem_id: str) -> None:
        if state.stage != "coding" or state.coding is None:
            raise TurnRejected(f"the interview is in the {state.stage!r} stage; code is "
                               "accepted only in the coding stage")
        if state.coding.attempts >= state.plan.coding_attempts or state.coding.passed:
            raise TurnRejected("no more submissions for this problem in this interview; "
                               "answer the interviewer's question in the chat")
        if problem_id != state.coding.problem_id:
            raise TurnRejected(f"this interview asks for {state.coding.problem_id!r}, "
                               f"not {problem_id!r}")

    def submit_code(self, user_id: str, interview_id: str, problem_id: str,
                    code: str) -> CodeTurnReply:
        result = self.grade_code_turn(user_id, interview_id, problem_id, code)
        return self.record_code_turn(user_id, interview_id, problem_id, code, result)

    def grade_code_turn(self, user_id: str, interview_id: str, problem_id: str,
                        code: str) -> GradeResult:
        """Check that the interview asks for this problem now, then grade outside any lock (the
        sandbox may take seconds; the API runs this under a fair sandbox slot)."""
        self._check_code_turn(self._active_state(self.store.get_interview(user_id, interview_id)),
                              problem_id)
        sandbox: Sandbox = self.sandbox_provider()
        return grade_code(get_problem(problem_id), code, sandbox)

    def record_code_turn(self, user_id: str, interview_id: str, problem_id: str, code: str,
                         result: GradeResult) -> CodeTurnReply:
        """Store the graded code and the interviewer's reply (checked again under the lock)."""
        with self.store.locked_interview(user_id, interview_id) as locked:
            state = self._active_state(locked.row)
            self._check_code_turn(state, problem_id)
            locked.append(role="candidate", stage="coding", kind="code", content=code,
                          code_result=result.model_dump())
            step = self.engine.on_code(state, result)
            reply = self._answer(locked, state, step.directive, NullSink())
        return CodeTurnReply(**reply.model_dump(), result=result.model_dump())

    # ---- time ---------------------------------------------------------------------------------
    def pause(self, user_id: str, interview_id: str) -> InterviewSummary:
        with self.store.locked_interview(user_id, interview_id) as locked:
            self._active_state(locked.row, paused_ok=True)
            pause_clock(locked.row, utcnow())
        return interview_summary(self.store.get_interview(user_id, interview_id))

    def resume(self, user_id: str, interview_id: str) -> InterviewSummary:
        with self.store.locked_interview(user_id, interview_id) as locked:
            self._active_state(locked.row, paused_ok=True)
            if locked.row.paused:
                resume_clock(locked.row, utcnow())
        return interview_summary(self.store.get_interview(user_id, interview_id))

    def end(self, user_id: str, interview_id: str) -> TurnReply:
        """End the interview now (also while paused): scored on what was asked, and says so."""
        with self.store.locked_interview(user_id, interview_id) as locked:
            state = self._active_state(locked.row, paused_ok=True)
            locked.row.paused = False
            step = self.engine.end_early(state)
            step.directive.overall_score = overall_score(state)
            return self._answer(locked, state, step.directive, NullSink())

    # ---- the code editor's draft ----------------------------------------------------------------
    def draft(self, user_id: str, interview_id: str, problem_id: str) -> DraftOut:
        self.store.get_interview(user_id, interview_id)  # 404 unless it is the caller's
        row = self.drafts.draft(user_id, interview_id, problem_id)
        return DraftOut(problem_id=problem_id, code=row.code if row else None,
                        updated_at=row.updated_at if row else None)

    def save_draft(self, user_id: str, interview_id: str, problem_id: str,
                   code: str) -> DraftOut:
        self.store.get_interview(user_id, interview_id)
        check_draft_size(code)
        row = self.drafts.save_draft(user_id, interview_id, problem_id, code)
        return DraftOut(problem_id=problem_id, code=row.code, updated_at=row.updated_at)

    # ---- reading and deleting -----------------------------------------------------------------
    def list_owned(self, user_id: str) -> list[InterviewSummary]:
        return [interview_summary(row) for row in self.store.list_interviews(user_id)]

    def transcript(self, user_id: str, interview_id: str) -> Transcript:
        row = self.store.get_interview(user_id, interview_id)
        return transcript(row, self.store.turns(row.id))

    def delete(self, user_id: str, interview_id: str) -> None:
        self.store.delete_interview(user_id, interview_id)
