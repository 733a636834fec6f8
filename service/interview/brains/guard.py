"""Checks on an LLM's interviewer line before the candidate sees it.

Small local models fail in recognisable ways (measured on Qwen2.5-Coder-0.5B/1.5B with the
prompts of :mod:`.prompts`): they answer the question themselves — in concept follow-ups that
means reciting the missed key point, i.e. leaking the rubric — they speak as the candidate
("我叫…，我做的项目是…"), they read the task instruction back ("坚决拒绝，再问一遍原问题。"),
or they drop the question. :class:`LineGuard` catches each of these so the turn falls back to the
offline brain *before* any text is streamed (the LLM brain holds the head of its line until a
question mark, the end, or 160 characters; see :class:`~.llm.OutputFilter`).

A leak is a run of ``n`` normalized characters (lower case, letters and digits only; 8 for
Chinese, 18 for English) shared with a key point or the reference answer but not with the
question itself, so repeating the question is fine and stating the answer is not.
"""

from __future__ import annotations

import re

from service.interview.brains.base import BrainError
from service.interview.brains.prompts import task_line
from service.interview.directives import Directive

QUESTION_KINDS = frozenset({"ask_project", "drill_point", "ask_concept", "concept_follow_up",
                            "coding_feedback", "refuse_skip", "invite_questions",
                            "answer_candidate_question"})
_SECRET_KINDS = frozenset({"ask_concept", "concept_follow_up", "coding_feedback"})
_QUESTION = re.compile(r"[?？]")
_AS_CANDIDATE = re.compile(
    r"^(?:您好[，,]?\s*)?(?:我叫|我是(?!今天的?面试官|面试官|拷打)|我的名字|我毕业于|我负责了|我做的项目|我最近在"
    r"|my name is|i am a (?:student|candidate)|i'm a (?:student|candidate)|i worked on|i built"
    r"|thank you for (?:having|inviting) me)", re.I)
_NOT_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _NOT_WORD.sub("", text.lower())


def _grams(text: str, n: int) -> set[str]:
    flat = _norm(text)
    return {flat[i:i + n] for i in range(len(flat) - n + 1)}


class LineGuard:
    """Validates the head of a line for one directive; raises :class:`BrainError` on failure."""

    def __init__(self, directive: Directive) -> None:
        self.kind = directive.kind
        self.n = 8 if directive.language == "zh" else 18
        self.task = _norm(task_line(directive))
        secrets: list[str] = []
        if directive.kind in _SECRET_KINDS:
            secrets = [*directive.key_points, *directive.missed_points, directive.reference or ""]
        allowed = _grams(directive.question or "", self.n) | _grams(
            directive.candidate_text or "", self.n)
        self.secret_grams = set().union(*(_grams(s, self.n) for s in secrets)) - allowed

    def expects_question(self) -> bool:
        return self.kind in QUESTION_KINDS

    def check(self, text: str, final: bool) -> None:
        """Check ``text`` (the whole line so far); ``final`` when the model has finished."""
        if _AS_CANDIDATE.search(text.strip()):
            raise BrainError("the model spoke as the candidate instead of the interviewer")
        flat = _norm(text)
        if len(flat) >= 6 and (flat in self.task or self.task in flat):
            raise BrainError("the model read the task instruction back instead of speaking")
        if self.leaks(text):
            raise BrainError("the model revealed the reference answer / key points")
        if final and self.expects_question() and not _QUESTION.search(text):
            raise BrainError(f"the model asked no question (a {self.kind} line must ask one)")

    def leaks(self, text: str) -> bool:
        if not self.secret_grams:
            return False
        flat = _norm(text)
        return any(flat[i:i + self.n] in self.secret_grams for i in range(len(flat) - self.n + 1))
