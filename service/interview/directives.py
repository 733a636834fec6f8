"""What the interviewer must say next, decided by the server, phrased by a brain.

The interview engine (a deterministic state machine) decides every move — which stage, which
question, whether to press on a vague answer, what a failing test means — and expresses it as a
:class:`Directive`: a kind plus structured data. A brain (:mod:`service.interview.brains`) only
turns a directive into words. This split is what keeps a candidate's text from steering the
interview: candidate text reaches a brain only as quoted data inside a directive, never as
instructions, and nothing a brain says changes state or scores.

Directive kinds (``DirectiveKind``):

* ``greet_and_ask_intro`` — open the interview, ask for a self-introduction.
* ``ask_project`` — start drilling a résumé project: ask the candidate to state the task.
* ``drill_point`` — ask about one point of a project (``point``: task, model, training, data,
  difficulty, novelty, metrics, contribution); ``depth`` > 0 means pressing again on the same point
  because the last answer was vague (``vague_reasons`` say why); ``contradiction`` quotes a résumé
  claim that the answer seems to contradict.
* ``ask_concept`` — a knowledge-base question (``question``); ``reference`` and ``key_points``
  are given for grounding (a brain must not reveal them).
* ``concept_follow_up`` — press on what the last answer missed (``missed_points``, ``question``).
* ``present_coding`` — hand over a coding problem (``problem_id``, ``problem_title``).
* ``coding_feedback`` — react to an evaluator result (``failing_test``, ``failing_message``,
  ``score``, ``status``) and ask a pointed question about the concrete failure.
* ``invite_questions`` — invite the candidate's own questions.
* ``answer_candidate_question`` — answer briefly (``candidate_text`` quoted) and ask if there is more.
* ``close`` — end the interview and point to the report (``overall_score``).
* ``refuse_skip`` — the candidate tried to skip or to instruct the interviewer; decline and repeat
  the pending question (``question``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

DirectiveKind = Literal[
    "greet_and_ask_intro", "ask_project", "drill_point", "ask_concept", "concept_follow_up",
    "present_coding", "coding_feedback", "invite_questions", "answer_candidate_question",
    "close", "refuse_skip",
]
Language = Literal["zh", "en"]


class Directive(BaseModel):
    kind: DirectiveKind
    language: Language
    track: str = ""
    # Project drilling
    project_name: str | None = None
    project_summary: str | None = None  # the claim record, rendered as short data lines
    point: str | None = None
    depth: int = 0
    vague_reasons: list[str] = Field(default_factory=list)
    contradiction: str | None = None
    # Concept questions
    entry_id: str | None = None
    question: str | None = None
    reference: str | None = None
    key_points: list[str] = Field(default_factory=list)
    missed_points: list[str] = Field(default_factory=list)
    # Coding
    problem_id: str | None = None
    problem_title: str | None = None
    failing_test: str | None = None
    failing_message: str | None = None
    score: float | None = None
    status: str | None = None
    # Candidate text, always quoted as data
    candidate_text: str | None = None
    overall_score: float | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
