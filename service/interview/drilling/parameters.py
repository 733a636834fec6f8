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
from dataclasses import dataclass

from service.interview.drilling.text import Answer

RATIO = 1.35
_MAG = {"k": 1e3, "千": 1e3, "m": 1e6, "million": 1e6, "万": 1e4, "b": 1e9, "billion": 1e9,
        "亿": 1e8}
_NUMBER = r"(?P<v>\d+(?:\.\d+)?)\s*(?P<mag>k|m|b|million|billion|千|万|亿)?(?![a-z\d.])"
_SMALLEST = 1e4  # "3 层参数共享": a count of something else
_PARAMS = re.compile(
    _NUMBER + r"\s*(?:个)?\s*(?:trainable |可训练)?(?:parameters|params|参数)"
    r"|(?:参数量?|parameters?|params?)\s*(?:约|大约|大概|只有|是|为|在|of|is|was|about|around|~|:|：|\s)*"
    + _NUMBER.replace("(?P<v>", "(?P<v2>").replace("(?P<mag>", "(?P<mag2>"))
_OTHER_MODEL = re.compile(r"baseline|基线|原版|原始|原来|original|than|相比|对比(?!学习|损失)|versus|vs\.?|teacher|教师")


@dataclass(frozen=True)
class ParamClaim:
    count: float
    said: str


def param_claims(text: str) -> list[list[ParamClaim]]:
    """The parameter counts of each clause that states any (a clause's counts vouch together)."""
    answer = Answer(text)
    found = []
    for clause in answer.clauses:
        if _OTHER_MODEL.search(clause.norm):
            continue
        counts = []
        for m in _PARAMS.finditer(clause.norm):
            value, mag = (m.group("v"), m.group("mag")) if m.group("v") else (m.group("v2"),
                                                                               m.group("mag2"))
            count = float(value) * _MAG.get(mag or "", 1.0)
            if count >= _SMALLEST:
                counts.append(ParamClaim(count, answer.original(clause.start, clause.end)))
        if counts:
            found.append(counts)
    return found


def param_conflicts(stated: list[list[ParamClaim]], claimed: list[ParamClaim]
                    ) -> list[tuple[str, str]]:
    """(the résumé's words, the answer's words) when one of the answer's clauses (``stated``:
    :func:`param_claims` of the answer) has counts that all differ from every claimed count by
    more than :data:`RATIO`."""
    if not claimed:
        return []
    for counts in stated:
        if all(c.count > k.count * RATIO or c.count * RATIO < k.count
               for c in counts for k in claimed):
            return [(claimed[0].said, counts[0].said)]
    return []
