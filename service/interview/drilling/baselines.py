"""Whose number a baseline is: "CER 24.6%（原商用引擎）/ 19.8%（Whisper large-v3 零样本）".

A résumé often names the system behind each baseline number in brackets. An answer that gives the
same number to another system ("Whisper 不微调直接用是二十四点六", "基线是传统的 i-vector 加 PLDA，EER
百分之二点八六" against "2.86%（VoxCeleb 预训练 ECAPA-TDNN 直接使用）") has swapped the baseline —
which makes the improvement look larger than it was. Only brackets that describe a baseline count
(原 / 基线 / 零样本 / 直接使用 / off-the-shelf …; "（教师）" is a role), and an answer clashes only
when a sentence gives one bracket's number with another bracket's words and never that other
bracket's number: a system the résumé does not name at all ("i-vector 加 PLDA … 2.86%") is not
compared (tried: 10 false alarms over the independent sets, from answers that name the baseline in
other words or another language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.textnorm import normalize
from service.interview.drilling.numerals import digits
from service.interview.drilling.text import SENTENCE_BREAK, content_words

_BRACKETED = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%)?\s*[（(](?P<who>[^（）()]{2,40})[）)]")
_BASELINE_WORDS = re.compile(r"基线|baseline|原|旧|直接使用|零样本|zero-?shot|off-the-shelf|商用|commercial"
                             r"|线上|production|vanilla|未微调|不微调|legacy|previous|old")
_NUMBER = re.compile(r"(?<![0-9a-z.])(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%)?")
_LATIN = re.compile(r"[a-z][a-z0-9\-]{1,}")
_STOP = frozenset({"the", "and", "with", "from", "model", "baseline", "used", "直接", "使用"})


@dataclass(frozen=True)
class BaselineOf:
    value: float  # the number, as written (a percentage's points)
    words: frozenset[str]  # what the bracket says the system was
    said: str


def _words(text: str) -> frozenset[str]:
    return content_words(normalize(text), _LATIN, _STOP)


def resume_baselines(line: str) -> list[BaselineOf]:
    """The baseline numbers a résumé line attributes to a named system."""
    return [BaselineOf(float(m.group("v")), _words(m.group("who")), line.strip(" -*•·"))
            for m in _BRACKETED.finditer(line) if _BASELINE_WORDS.search(normalize(m.group("who")))]


def baseline_conflicts(answer: str, claimed: list[BaselineOf]) -> list[tuple[str, str]]:
    """(claim, said) when a sentence of ``answer`` gives one bracket's number to the system of
    another bracket ("Whisper 不微调直接用是二十四点六" against "24.6%（原商用引擎）/ 19.8%（Whisper
    large-v3 零样本）") and never says that other bracket's number."""
    if len(claimed) < 2:
        return []
    for sentence in SENTENCE_BREAK.split(answer):
        norm = digits(normalize(sentence))
        values = [float(m.group("v")) for m in _NUMBER.finditer(norm)]
        said = _words(sentence)
        given = [c for c in claimed if _gives(values, c)]
        for claim in given:
            if claim.words & said:
                continue
            if any(o.words & said for o in claimed if o not in given):
                return [(claim.said, sentence.strip())]
    return []


def _gives(values: list[float], claim: BaselineOf) -> bool:
    return any(abs(v - claim.value) < 0.051 for v in values)
