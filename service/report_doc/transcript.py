"""Turns of a stored interview → who asked what and what the candidate answered, per stage.

Turns are the transcript rows as dicts (``role``: interviewer | candidate | system, ``stage``,
``kind``, ``content``, ``directive``, ``grade``, ``analysis``, ``code_result``). Missing keys are
tolerated: a transcript from an older or newer engine yields what it can. Candidate text is kept
exactly as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Turn = Mapping[str, Any]


@dataclass
class Asked:
    """One interviewer turn and what followed it before the next interviewer turn."""

    stage: str
    kind: str
    question: str
    directive: Mapping[str, Any]
    answers: list[str] = field(default_factory=list)
    submitted: list[Mapping[str, Any]] = field(default_factory=list)  # code results after it
    grade: Mapping[str, Any] | None = None
    analysis: Mapping[str, Any] | None = None


@dataclass
class Submission:
    code: str
    result: Mapping[str, Any]


@dataclass
class Transcript:
    asked: list[Asked] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    candidate_questions: list[tuple[str, str | None]] = field(default_factory=list)

    def in_stage(self, stage: str) -> list[Asked]:
        return [a for a in self.asked if a.stage == stage]


def or_none(answers: list[str]) -> list[str | None]:
    """The answers to one question, or [None] when it got none (so it still shows)."""
    return list(answers) if answers else [None]


def _directive(turn: Turn) -> Mapping[str, Any]:
    value = turn.get("directive")
    return value if isinstance(value, Mapping) else {}


def read_transcript(turns: Sequence[Turn]) -> Transcript:
    out = Transcript()
    current: Asked | None = None
    waiting_reply: int | None = None  # index into candidate_questions awaiting the reply
    for turn in turns:
        role, stage = turn.get("role"), str(turn.get("stage") or "")
        content = str(turn.get("content") or "")
        if role == "interviewer":
            directive = _directive(turn)
            kind = str(turn.get("kind") or directive.get("kind") or "")
            if waiting_reply is not None and kind in ("answer_candidate_question", "close"):
                question, _ = out.candidate_questions[waiting_reply]
                out.candidate_questions[waiting_reply] = (question, content or None)
                waiting_reply = None
            current = Asked(stage=stage, kind=kind, question=content, directive=directive)
            out.asked.append(current)
        elif role == "candidate":
            if turn.get("kind") == "code" and isinstance(turn.get("code_result"), Mapping):
                out.submissions.append(Submission(content, turn["code_result"]))
                if current is not None:
                    current.submitted.append(turn["code_result"])
            elif stage == "questions":
                out.candidate_questions.append((content, None))
                waiting_reply = len(out.candidate_questions) - 1
            elif current is not None:
                current.answers.append(content)
        elif role == "system" and current is not None:
            if isinstance(turn.get("grade"), Mapping):
                current.grade = turn["grade"]
            if isinstance(turn.get("analysis"), Mapping):
                current.analysis = turn["analysis"]
    return out
