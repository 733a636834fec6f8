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
  because the last answer left essential slots missing or evaded: ``quote`` holds the candidate's
  own words to pick up (``quote_kind``: the evasion kind, "vague", "partial", "off_point" or
  "empty") and ``asks`` the questions for exactly the missing slots (``slots``); ``credited``
  names what an off-point answer gave for other points. ``contradiction`` is ``"<earlier claim>
  vs said <what was just said>"``, both quoted. ``point="technique"`` is a deeper probe into a
  technique the candidate named (``technique``; ``entry_id``/``question`` from the knowledge
  base), a new point rather than a press.
* ``ask_concept`` — a knowledge-base question (``question``); ``reference`` and ``key_points``
  are given for grounding (a brain must not reveal them).
* ``concept_follow_up`` — press on what the last answer missed (``missed_points``, ``question``).
* ``present_coding`` — hand over a coding problem (``problem_id``, ``problem_title``).
* ``coding_feedback`` — react to an evaluator result (``failing_test``, ``failing_message``,
  ``score``, ``status``) and ask a pointed question about the concrete failure.
* ``invite_questions`` — invite the candidate's own questions.
* ``coding_talk`` — reply to what the candidate *said* in the coding stage (an approach, talk about
  a failing run, a question about the problem, code pasted into the chat, being stuck): ``extra``
  holds ``talk`` (the kind), ``move`` (what to ask for next: ``let_code``, ``ask_complexity``,
  ``ask_idea``, ``ask_fix``, ``rerun``, ``answer_question``, ``use_editor``, ``nudge``,
  ``carry_on``), ``missing``, ``topic`` (a question's topic) and the complexity the candidate
  stated (``time``/``space``); a reply asks, it never states technical content of its own.
* ``answer_candidate_question`` — answer in general terms about the role for the track:
  ``extra["body"]`` is the answer (:mod:`service.interview.candidate_questions`),
  ``extra["invite"]`` asks whether there is more; ``candidate_text`` is the question, quoted.
* ``close`` — end the interview and point to the report (``overall_score``); ``extra["answer"]``
  answers the candidate's last question first, ``extra["ended_early"]`` when the candidate ended
  the interview before its last stage.
* ``refuse_skip`` — the candidate tried to skip or to instruct the interviewer; decline and repeat
  the pending question (``question``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

DirectiveKind = Literal[
    "greet_and_ask_intro", "ask_project", "drill_point", "ask_concept", "concept_follow_up",
    "present_coding", "coding_feedback", "invite_questions", "answer_candidate_question",
    "close", "refuse_skip", "coding_talk",
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
    quote: str | None = None  # the candidate's own words a press picks up
    quote_kind: str | None = None
    slots: list[str] = Field(default_factory=list)  # "point.slot" keys asked for
    asks: list[str] = Field(default_factory=list)  # one question per asked slot, in the language
    credited: list[str] = Field(default_factory=list)  # readable labels of credited slots
    technique: str | None = None  # the technique a probe or a linked concept question is about
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
