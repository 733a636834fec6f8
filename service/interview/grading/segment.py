"""Cutting a spoken answer into clauses, the unit the grader compares with rubric points.

A rubric point is one short statement, so the answer is compared clause by clause rather than as
one long text (a long answer's embedding is a blur of everything it says). Sentences end at
``。！？；;!?``, a newline, or a full stop followed by a space (``0.25`` and ``x.mean`` stay whole).
Long sentences are further cut at commas, but never inside brackets (``(N, H, W)`` stays whole),
and fragments too short to carry a claim are merged into their neighbour. Sizes are measured in
*units*: one per CJK character, 1.7 per ASCII word (an English word carries about that much).
"""

from __future__ import annotations

import re

MAX_CHARS = 4000  # longer answers are truncated: bounds latency whatever the input
MAX_CLAUSES = 48
LONG_SENTENCE_UNITS = 30.0
MIN_CLAUSE_UNITS = 8.0  # comma fragments below this join a neighbour
MIN_SENTENCE_UNITS = 5.0  # whole sentences below this join the previous one

_OPEN, _CLOSE = "([{（【「", ")]}）】」"
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")
# brackets, and break candidates: an ASCII "." or "," breaks only before whitespace, so
# "x.mean", "0.25", "(1,2)" and "1,000" stay whole
_SENTENCE_MARKS = re.compile(r"[(\[{（【「)\]}）】」]|[。！？；;!?\n]|\.(?=\s|$)")
_COMMA_MARKS = re.compile(r"[(\[{（【「)\]}）】」]|[，\n]|,(?=\s|$)")
_TRIM = " \t—-–:：,，"


def units(text: str) -> float:
    """Information size of ``text``: CJK characters plus 1.7 per ASCII word."""
    return len(_CJK.findall(text)) + 1.7 * len(_ASCII_WORD.findall(text))


def _split(text: str, marks: re.Pattern[str]) -> list[str]:
    """Cut at break marks outside brackets (a newline always breaks and resets the depth)."""
    pieces: list[str] = []
    depth, start = 0, 0
    for match in marks.finditer(text):
        ch = match.group(0)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 or ch == "\n":
            pieces.append(text[start:match.start()])
            start, depth = match.end(), 0
    pieces.append(text[start:])
    return [p.strip(_TRIM) for p in pieces if p.strip(_TRIM)]


def _merge_short(pieces: list[str], joiner: str, minimum: float) -> list[str]:
    merged: list[str] = []
    for piece in pieces:
        if merged and (units(merged[-1]) < minimum or units(piece) < minimum):
            merged[-1] = merged[-1] + joiner + piece
        else:
            merged.append(piece)
    return merged


def sentences(answer: str) -> list[str]:
    """The answer's sentences (hard stops only), empty pieces dropped."""
    return _split(answer[:MAX_CHARS], _SENTENCE_MARKS)


def clauses(answer: str) -> list[str]:
    """Clauses of ``answer`` in order: sentences, with long ones cut at top-level commas."""
    out: list[str] = []
    for sentence in sentences(answer):
        if units(sentence) <= LONG_SENTENCE_UNITS:
            out.append(sentence)
            continue
        joiner = "，" if _CJK.search(sentence) else ", "
        out.extend(_merge_short(_split(sentence, _COMMA_MARKS), joiner, MIN_CLAUSE_UNITS))
    return _merge_short(out, " ", MIN_SENTENCE_UNITS)[:MAX_CLAUSES]
