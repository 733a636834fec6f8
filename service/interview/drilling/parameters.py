"""Parameter counts as a claim: "compressed to 0.9M parameters", "参数量约 25M", "7B 参数".

A model's size is one of the numbers a candidate restates most often, and one a résumé rounds
least, so an answer about the model that gives another count ("I kept it at about 3.7 million
parameters" against "0.9M parameters") is worth a question. A clause that names two counts
("从 3.7M 压到 0.9M", "the original has 3.7M, ours 0.9M") vouches for itself when either
agrees; clauses that compare with another model ("than", "baseline", "原版") are not claims about
this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.interview.drilling.numerals import MAGNITUDES
from service.interview.drilling.text import Answer

RATIO = 1.35
_NUMBER = r"(?P<v>\d+(?:\.\d+)?)\s*(?P<mag>k|m|b|million|billion|千|万|亿)?(?![a-z\d.])"
_SMALLEST = 1e4  # "3 层参数共享": a count of something else
_PARAMS = re.compile(
    _NUMBER + r"\s*(?:个)?\s*(?:trainable |可训练)?(?:parameters|params|参数)"
    r"|(?:参数量?|parameters?|params?)\s*(?:约|大约|大概|只有|是|为|在|of|is|was|about|around|~|:|：|\s)*"
    + _NUMBER.replace("(?P<v>", "(?P<v2>").replace("(?P<mag>", "(?P<mag2>"))
_OTHER_MODEL = re.compile(r"baseline|基线|原版|原始|原来|original|than|相比|比起|对比(?!学习|损失)|versus|vs\.?"
                          r"|compared|teacher|教师|老师")
# A count with a magnitude but no "parameters" (see :func:`bare_counts`).
_BARE = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<mag>k|m|b|million|billion|万|亿)(?![a-z\d]|\.\d)")


@dataclass(frozen=True)
class ParamClaim:
    count: float
    said: str


def param_claims(text: str) -> list[list[ParamClaim]]:
    """The parameter counts of each clause that states any (a clause's counts vouch together).
    After another model is named ("教师是 ResNet-50，大概 47M 参数"; "Compared with ACT, which is
    about 80M parameters"), the rest of the sentence is about that model."""
    answer = Answer(text)
    found, other = [], False
    for index, clause in enumerate(answer.clauses):
        other = (other and not answer.opens_sentence(index)) or bool(
            _OTHER_MODEL.search(clause.norm))
        if other:
            continue
        counts = []
        for m in _PARAMS.finditer(clause.norm):
            value, mag = (m.group("v"), m.group("mag")) if m.group("v") else (m.group("v2"),
                                                                               m.group("mag2"))
            if (count := _count(value, mag)) >= _SMALLEST:
                counts.append(ParamClaim(count, answer.original(clause.start, clause.end)))
        if counts:
            found.append(counts)
    return found


def bare_counts(text: str) -> list[float]:
    """Counts with a magnitude and no "parameters" ("the GIN part is 1.9M"): they vouch for an
    answer's parameter counts ("about 2.6M parameters — the GIN part is 1.9M"), never claim one."""
    return [c for m in _BARE.finditer(Answer(text).norm)
            if (c := _count(m.group("v"), m.group("mag"))) >= _SMALLEST]


def _count(value: str, mag: str | None) -> float:
    return float(value) * MAGNITUDES.get(mag or "", 1.0)


def param_conflicts(stated: list[list[ParamClaim]], claimed: list[ParamClaim],
                    vouchers: Sequence[float] = ()) -> list[tuple[str, str]]:
    """(the résumé's words, the answer's words) when one of the answer's clauses (``stated``:
    :func:`param_claims` of the answer) has counts that, with the answer's ``vouchers``
    (:func:`bare_counts`), all differ from every claimed count by more than :data:`RATIO`."""
    if not claimed:
        return []
    for counts in stated:
        values = [c.count for c in counts] + list(vouchers)
        if all(v > k.count * RATIO or v * RATIO < k.count for v in values for k in claimed):
            return [(claimed[0].said, counts[0].said)]
    return []
