"""Running interviews: the engine decides, a brain speaks, the store remembers.

For every candidate turn :class:`InterviewService` (1) stores the candidate's text, committed;
(2) asks the engine for the next :class:`Directive` and the turn's grade; (3) asks the primary
brain (LLM if configured) to phrase it — falling back to the offline brain on any failure, so the
turn is never lost; (4) stores the reply with the brain that spoke and the new state, committed;
(5) returns it. Turns of one interview are serialized by a per-interview lock.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from typing import Any

from evaluators.catalog import get_problem, load_catalog
from evaluators.grader import grade as grade_code
from evaluators.result import GradeResult
from evaluators.sandbox.base import Sandbox
from knowledge.base import KnowledgeBase
from service.interview.brains.base import Brain
from service.interview.brains.registry import speak_with_fallback
from service.interview.directives import Directive
from service.interview.engine import InterviewEngine, Judge, Step
from service.interview.planning import plan_interview
from service.interview.report import build_report, overall_score, report_markdown
from service.interview.state import InterviewState
from service.interview_store import InterviewStore
from service.storage.tables import InterviewRow, TurnRow

MAX_MESSAGE_CHARS = 8000


class InterviewClosed(Exception):
    """The interview has finished and takes no more turns."""


class TurnRejected(ValueError):
    """A turn that does not fit the interview right now (e.g. code outside the coding stage)."""


class InterviewService:
    def __init__(self, store: InterviewStore, kb: KnowledgeBase, judge: Judge, brain: Brain,
                 fallback: Brain, sandbox_provider: Any) -> None:
        self.store = store
        self.kb = kb
        self.brain = brain
        self.fallback = fallback
        self.judge = judge
        self.sandbox_provider = sandbox_provider  # () -> Sandbox, raises when unavailable
        titles = {pid: (p.title_zh, p.title_en) for pid, p in load_catalog().items()}
        self.engine = InterviewEngine(kb, judge, titles)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _lock(self, interview_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(interview_id, threading.Lock())

    # ---- speaking -----------------------------------------------------------------------------
    def speak(self, directive: Directive) -> Iterator[tuple[str, str]]:
        """Yield ``(chunk, brain_name)``; any failure of the primary brain is finished by the
        offline brain (see :class:`~service.interview.brains.registry.FallbackSpeech`)."""
        speech = speak_with_fallback(self.brain, self.fallback, directive)
        try:
            for chunk in speech:
                yield chunk, speech.brain
        finally:
            speech.close()

    # ---- lifecycle ----------------------------------------------------------------------------
    def create(self, track: str, language: str, length: str, resume_id: str | None,
               seed: int | None = None) -> tuple[InterviewRow, Iterator[tuple[str, str]]]:
        claims: list[dict[str, Any]] = []
        if resume_id is not None:
            claims = list(self.store.get_resume(resume_id).claims)
        state = plan_interview(entries=self.kb.entries, track=track, language=language,
                               length=length, claims=claims,  # type: ignore[arg-type]
                               seed=seed if seed is not None else secrets.randbits(32),
                               recently_asked=self.store.recently_asked(),
                               available_problems=set(load_catalog()))
        directive = self.engine.opening(state)
        row = self.store.create_interview(track=track, language=language, length=length,
                                          stage=state.stage, resume_id=resume_id,
                                          state=state.model_dump())
        return row, self._reply(row.id, state, directive)

    def _load(self, interview_id: str) -> tuple[InterviewRow, InterviewState]:
        row = self.store.get_interview(interview_id)
        if row.status == "finished":
            raise InterviewClosed(f"interview {interview_id} has finished; start a new one or "
                                  "read its report")
        return row, InterviewState.model_validate(row.state)

    def _reply(self, interview_id: str, state: InterviewState,
               directive: Directive) -> Iterator[tuple[str, str]]:
        """Stream the reply, then commit it (also if the client goes away mid-stream)."""
        parts: list[str] = []
        brain = self.fallback.name
        try:
            for chunk, brain in self.speak(directive):
                parts.append(chunk)
                yield chunk, brain
        finally:
            self.store.append_turn(interview_id, role="interviewer", stage=state.stage,
                                   kind=directive.kind, content="".join(parts), brain=brain,
                                   directive=directive.model_dump())

    def _commit_state(self, interview_id: str, state: InterviewState) -> None:
        finished = state.stage == "closed"
        self.store.save_state(interview_id, state.model_dump(), state.stage,
                              "finished" if finished else "active", overall_score(state))

    def message(self, interview_id: str, content: str) -> Iterator[tuple[str, str]]:
        with self._lock(interview_id):
            _, state = self._load(interview_id)
            stage = state.stage
            self.store.append_turn(interview_id, role="candidate", stage=stage, kind="answer",
                                   content=content)
            step = self.engine.on_message(state, content)
            self._record_step(interview_id, stage, step)
            self._prepare_close(state, step)
            self._commit_state(interview_id, state)
            return self._reply(interview_id, state, step.directive)

    def _record_step(self, interview_id: str, stage: str, step: Step) -> None:
        if step.grade is not None or step.analysis is not None or step.flags:
            analysis = dict(step.analysis or {})
            if step.flags:
                analysis["flags"] = step.flags
            self.store.append_turn(interview_id, role="system", stage=stage, kind="assessment",
                                   content="", grade=step.grade, analysis=analysis)

    def _prepare_close(self, state: InterviewState, step: Step) -> None:
        if step.directive.kind == "close":
            step.directive.overall_score = overall_score(state)

    def submit_code(self, interview_id: str, problem_id: str,
                    code: str) -> tuple[GradeResult, Iterator[tuple[str, str]]]:
        with self._lock(interview_id):
            _, state = self._load(interview_id)
            if state.stage != "coding" or state.coding is None:
                raise TurnRejected(f"the interview is in the {state.stage!r} stage; code is "
                                   "accepted only in the coding stage")
            if state.coding.attempts >= state.plan.coding_attempts or state.coding.passed:
                raise TurnRejected("no more submissions for this problem in this interview; "
                                   "answer the interviewer's question in the chat")
            if problem_id != state.coding.problem_id:
                raise TurnRejected(f"this interview asks for {state.coding.problem_id!r}, "
                                   f"not {problem_id!r}")
            sandbox: Sandbox = self.sandbox_provider()
            result = grade_code(get_problem(problem_id), code, sandbox)
            self.store.append_turn(interview_id, role="candidate", stage="coding", kind="code",
                                   content=code, code_result=result.model_dump())
            step = self.engine.on_code(state, result)
            self._commit_state(interview_id, state)
            return result, self._reply(interview_id, state, step.directive)

    # ---- reading ------------------------------------------------------------------------------
    def transcript(self, interview_id: str) -> dict[str, Any]:
        row = self.store.get_interview(interview_id)
        active = row.status != "finished"
        return {**summary(row), "state": _public_state(row.state, active),
                "turns": [turn_dict(t, redact=active) for t in self.store.turns(interview_id)]}

    def report(self, interview_id: str) -> dict[str, Any]:
        row = self.store.get_interview(interview_id)
        state = InterviewState.model_validate(row.state)
        code_results = [t.code_result for t in self.store.turns(interview_id) if t.code_result]
        return {**summary(row), "report": build_report(state, self.kb, code_results)}

    def report_markdown(self, interview_id: str) -> str:
        data = self.report(interview_id)
        return report_markdown(data["report"], data, data["language"])


def summary(row: InterviewRow) -> dict[str, Any]:
    return {"id": row.id, "track": row.track, "language": row.language, "length": row.length,
            "status": row.status, "stage": row.stage, "created_at": row.created_at.isoformat(),
            "overall_score": row.overall_score, "resume_id": row.resume_id}


SECRET_DIRECTIVE_FIELDS = ("reference", "key_points", "missed_points")


def _public_state(state: dict[str, Any], active: bool) -> dict[str, Any]:
    """While an interview runs, hide the plan of upcoming questions and problems."""
    if not active:
        return state
    hidden = dict(state)
    for key in ("pending_question", "linked", "mentions", "said"):  # linked: upcoming concepts
        hidden.pop(key, None)
    hidden["projects"] = [{k: v for k, v in p.items() if k not in ("techniques", "probe")}
                          for p in state.get("projects") or []]
    stage = state.get("stage")
    asked = state.get("concept_index", 0) + (1 if stage == "concept" else 0)
    hidden["concepts"] = (state.get("concepts") or [])[:asked] if stage in ("intro", "project",
                                                                           "concept") else \
        state.get("concepts")
    if stage in ("intro", "project", "concept"):
        hidden["coding"] = None
    return hidden


def turn_dict(turn: TurnRow, redact: bool = False) -> dict[str, Any]:
    directive = dict(turn.directive) if turn.directive else None
    if directive is not None and redact:
        for key in SECRET_DIRECTIVE_FIELDS:
            directive.pop(key, None)
    return {"seq": turn.seq, "role": turn.role, "stage": turn.stage, "kind": turn.kind,
            "content": turn.content, "brain": turn.brain, "created_at": turn.created_at.isoformat(),
            "grade": turn.grade, "analysis": turn.analysis, "code_result": turn.code_result,
            "directive": directive}
