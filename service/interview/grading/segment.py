"""Cutting a spoken answer into clauses, the unit the grader compares with rubric points.

A rubric point is one short statement, so the answer is compared clause by clause rather than as
one long text (a long answer's embedding is a blur of everything it says). Sentences end at
``。！？；;!?``, a newline, or a full stop followed by a space (``0.25`` and ``x.mean`` stay whole).
Long sentences are further cut at commas, but never inside brackets (``(N, H, W)`` stays whole),
and fragments too short to carry a claim are merged into their neighbour. Sizes are measured in
*units*: one per CJK character, 1.7 per ASCII word (an English word carries about that much).

Every clause is a *span* of the answer (:func:`clause_spans`): merged fragments cover the text
between them, separators included, so a clause shown as evidence is always the candidate's own
words, character for character.
"""

from __future__ import annotations

import re

MAX_CHARS = 4000  # longer answers are truncated: bounds latency whatever the input
MAX_CLAUSES = 48
LONG_SENTENCE_UNITS = 30.0
MIN_CLAUSE_UNITS = 8.0  # comma fragments below this join a neighbour
MIN_SENTENCE_UNITS = 5.0  # whole sentences below this join the previous one

Span = tuple[int, int]
_OPEN, _CLOSE = "([{（【「", ")]}）】」"
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
# brackets, and break candidates: an ASCII "." or "," breaks only before whitespace, so
# "x.mean", "0.25", "(1,2)" and "1,000" stay whole
_SENTENCE_MARKS = re.compile(r"[(\[{（【「)\]}）】」]|[。！？；;!?\n]|\.(?=\s|$)")
_COMMA_MARKS = re.compile(r"[(\[{（【「)\]}）】」]|[，\n]|,(?=\s|$)")
_TRIM = " \t\r—-–:：,，`"


def units(text: str) -> float:
    """Information size of ``text``: CJK characters plus 1.7 per ASCII word."""
    return len(_CJK.findall(text)) + 1.7 * len(_ASCII_WORD.findall(text))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def _split(text: str, span: Span, marks: re.Pattern[str]) -> list[Span]:
    """Cut ``text[span]`` at break marks outside brackets (a newline always breaks and resets
    the depth); the pieces are trimmed spans of ``text``."""
    pieces: list[Span | None] = []
    depth, start = 0, span[0]
    for match in marks.finditer(text, span[0], span[1]):
        ch = match.group(0)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 or ch == "\n":
            pieces.append(_trimmed(text, start, match.start()))
            start, depth = match.end(), 0
    pieces.append(_trimmed(text, start, span[1]))
    return [p for p in pieces if p is not None]


def _merge_short(text: str, spans: list[Span], minimum: float) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and (units(text[slice(*merged[-1])]) < minimum
                       or units(text[slice(*span)]) < minimum):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def sentence_spans(answer: str) -> list[Span]:
    """The answer's sentences (hard stops only) as spans, empty pieces dropped."""
    return _split(answer, (0, min(len(answer), MAX_CHARS)), _SENTENCE_MARKS)


def sentences(answer: str) -> list[str]:
    return [answer[s:e] for s, e in sentence_spans(answer)]


def clause_spans(answer: str) -> list[Span]:
    """Clauses of ``answer`` in order, as spans: sentences, with long ones cut at top-level
    commas."""
    out: list[Span] = []
    for span in sentence_spans(answer):
        if units(answer[slice(*span)]) <= LONG_SENTENCE_UNITS:
            out.append(span)
        else:
            out.extend(_merge_short(answer, _split(answer, span, _COMMA_MARKS), MIN_CLAUSE_UNITS))
    return _merge_short(answer, out, MIN_SENTENCE_UNITS)[:MAX_CLAUSES]


_ASKING_PARTICLE = re.compile(r"[吗嗎][啊呀]?[\s。，,!！…~～]*$")
# a request to the interviewer inside the clause: "您能先大概说一下它是干嘛用的吗，我看看……"
_REQUEST_BACK = re.compile(r"(?:您|你)(?:能|可以|方便)[^。？?！!]{0,30}[吗嗎]")


def ends_with_question(answer: str, end: int) -> bool:
    """Whether the clause ending at ``end`` asks: closed by a question mark ("?" or "？") or
    the particle 吗/嗎, or holding a request to the interviewer ("您能先说一下它是干嘛用的吗，
    我看看能不能接上")."""
    rest = answer[end:end + 4].lstrip(" \t)）]】」\"'”’")
    tail = answer[max(0, end - 60):end]
    return (rest[:1] in ("?", "？") or _ASKING_PARTICLE.search(tail[-3:]) is not None
            or _REQUEST_BACK.search(tail) is not None)


def clauses(answer: str) -> list[str]:
    """The text of each clause (see :func:`clause_spans`)."""
    return [answer[s:e] for s, e in clause_spans(answer)]
