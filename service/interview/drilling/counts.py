"""Counts of named things that are neither data nor metrics: "capped at 1.5M Gaussians per scene",
"6 in-house designers", "RL 题库 2.4 万道题".

Dataset sizes (images, samples, hours…), parameter counts and GPUs have readers of their own;
this one keeps what is left, keyed by the counted noun ("count:gaussian", "count:designer",
"count:道"). An answer's count clashes with a claim of the same noun, said about the same thing
(they share a word around the count: "RL 题库" is not "内部业务题"), when neither is within a
factor of :data:`RATIO` of the other (a hedged round number is a range: "大概五千道" is 4,500 to
5,500) and the clause is not about a part ("其中", "each", "only the …") or another group.
Measure words that count anything ("个", "条", "次") are not keys: "16 个" says nothing about what.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.evasion import HEDGES
from service.interview.drilling.numerals import MAGNITUDES
from service.interview.drilling.text import Answer

RATIO = 1.35
_NUMBER = r"(?<![a-z0-9.])(?P<v>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mag>万|亿|千|k(?![a-z])|m(?![a-z])|million|thousand|billion)?"
# Nouns another reader owns, or that count time, settings or people in general.
_OWNED = (r"images?|samples?|rows?|records?|pairs?|hours?|cases?|patients?|notes?|documents?|utterances?"
          r"|clips?|tokens?|series|parameters?|params|gpus?|months?|days?|weeks?|years?|minutes?|seconds?"
          r"|epochs?|steps?|iterations?|layers?|times|points?|percent|people|persons?|users?|members?"
          r"|classes|categories|features?|dimensions?|heads?|blocks?|runs?|seeds?|folds?|frames?"
          r"|words?|characters?|queries|questions?|examples?|items?|calls?|requests?|rounds?|trials?")
_ENGLISH = re.compile(_NUMBER + r"\s*(?:(?!of\b|per\b)[a-z][a-z\-]+\s){0,1}(?P<noun>(?!(?:" + _OWNED
                      + r")\b)[a-z]{4,}s)\b")
_CHINESE = re.compile(_NUMBER + r"\s*(?:多|余)?\s*(?P<noun>道|位|名|家|款)")
_ASIDE = re.compile(r"消融|ablat|without|去掉|不加|如果不|if we (?:hadn't|had not|didn't)|otherwise|否则|不然")
_PART = re.compile(r"其中|只有|里有|每|单个|each|per (?!scene|image|frame)|only|among|of them|of which"
                   r"|至少|at least|以上|超过|more than|over|under|below|fewer|less than|不到|以内|前\s*\d"
                   r"|top|另外|other|another|also|again|test|held-?out|validation|验证|测试|batch")


_STOP = frozenset("the and with for about around roughly from that this was were had have our we its per "
                  "into over only also then when which there they them what".split())
_FUNCTION_CHARS = frozenset("的了是在和就那这个也都把被从到上")  # "的题" says nothing about what
_STOP_CJK = frozenset({"我们", "一共", "大概", "左右", "就是", "然后", "这个", "那个", "的话", "其实"})


@dataclass(frozen=True)
class Count:
    noun: str  # "gaussian", "designer", "道"
    value: float
    grain: float  # a hedged round number's half step
    said: str
    context: frozenset[str] = frozenset()  # what the count is of: "densification", "题库"


def _context(norm: str, noun: str) -> frozenset[str]:
    """Words around a count, so "RL 题库 2.4 万道" and "内部 1200 道业务题" are told apart."""
    words = {w for w in re.findall(r"[a-z]{3,}", norm) if w not in _STOP and not w.startswith(noun)}
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", norm)
    pairs = {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]}
    return frozenset(words | {p for p in pairs if p not in _STOP_CJK and noun not in p
                              and not _FUNCTION_CHARS.intersection(p)})


def _noun(raw: str) -> str:
    return raw[:-1] if raw.endswith("s") and not raw.endswith("ss") else raw


def _grain(number: str, value: float, clause: str) -> float:
    if not HEDGES.search(clause):
        return 0.0
    digits = number.replace(",", "").split(".")[0].rstrip("0")
    return 0.5 * value / max(1, int(digits or "1")) if digits else 0.0


def counts(text: str) -> list[Count]:
    """The counts of named things ``text`` states, one per noun and clause. Skipped: parts,
    splits and batches, and a sentence about an ablation or a counterfactual ("without the cap,
    scenes grow to 3.2M")."""
    found: list[Count] = []
    answer = Answer(text)
    scoped = False
    for index, clause in enumerate(answer.clauses):
        norm, original = clause.norm, answer.original(clause.start, clause.end)
        scoped = (scoped and not answer.opens_sentence(index)) or bool(_ASIDE.search(norm))
        if scoped or _PART.search(norm):
            continue
        for pattern in (_ENGLISH, _CHINESE):
            for m in pattern.finditer(norm):
                value = float(m.group("v").replace(",", "")) * MAGNITUDES.get(m.group("mag") or "", 1.0)
                noun = _noun(m.group("noun"))
                if value >= 2:
                    found.append(Count(noun, value, _grain(m.group("v"), value, norm), original,
                                       _context(norm, noun)))
    return found


def count_conflicts(stated: list[Count], claimed: list[Count]) -> list[tuple[str, str, str]]:
    """(key, claim, said) for a stated count that no claimed count of its noun is near."""
    out = []
    for said in stated:
        same = [c for c in claimed if c.noun == said.noun and c.context & said.context]
        low, high = said.value - said.grain, said.value + said.grain
        if same and all(high * RATIO < c.value - c.grain or low > (c.value + c.grain) * RATIO
                        for c in same):
            out.append((f"count:{said.noun}", same[0].said, said.said))
    return out
