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
from service.interview.drilling.numerals import MAGNITUDES, in_dimension
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
# "20 个客服音色": the noun after 个 is its first two characters, or the next two of a compound
# ("客服音色" counts 音色 too, so "35 个音色" is the same thing); a function word ends it.
_CHINESE_GE = re.compile(_NUMBER + r"\s*(?:多|余)?\s*个\s*(?P<run>[^\W\d_a-z]{2,4})")
_CJK_STOP = re.compile(r"[的了是在和就都每我你他她它这那把被从到上里中内后前与及或并]")
_CJK_NOT_COUNTED = re.compile(
    r"小时|分钟|钟头|月|天|星期|礼拜|周|年|点|百分|千分|类|样本|数据|同学|同事|人|成员|师兄|师姐|步|层|阶段|方面"
    r"|部分|问题|难点|原因|方法|步骤|版本|实验|指标|地方|维度|特征|字段|属性|epoch|批次|轮|模型|参数|token|卡")
# An ablation or a counterfactual; "去掉 X" is one only when a change follows ("去掉 X 掉了 4 个点"),
# not when what is left is counted ("去掉全对全错的，剩了一万二").
_ASIDE = re.compile(r"消融|ablat|without|如果不|if we (?:hadn't|had not|didn't)|otherwise|否则|不然"
                    r"|(?:去掉|不加).{0,30}(?:下降|降了|掉了|涨|提升|drop|点)")
_PART = re.compile(r"其中|只有|里有|每|单个|each|per (?!scene|image|frame)|only|among|of them|of which"
                   r"|至少|at least|以上|超过|more than|over|under|below|fewer|less than|不到|以内|前\s*\d"
                   r"|top|另外|other|another|also|again|test|held-?out|validation|验证|测试|batch")


# The old value of a change ("从默认的 30 个候选节点调到 60 个"), not what the project has.
_BEFORE = re.compile(r"默认|default|原来|原先|以前|之前|baseline|基线|(?:从|from)\s*$")
_PER = re.compile(r"每|(?<![a-z])each(?![a-z])|(?<![a-z])per ")
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
        if scoped:
            continue
        for m in [*_ENGLISH.finditer(norm), *_CHINESE.finditer(norm), *_CHINESE_GE.finditer(norm)]:
            if _is_part(norm, m) or in_dimension(norm, m.start("v"), m.end("v")):
                continue  # "8×8 个区域": a grid's side
            value = float(m.group("v").replace(",", "")) * MAGNITUDES.get(m.group("mag") or "", 1.0)
            nouns = [_noun(m.group("noun"))] if "noun" in m.groupdict() else _cjk_nouns(m.group("run"))
            found += [Count(noun, value, _grain(m.group("v"), value, norm), original,
                            _context(norm, noun)) for noun in nouns if value >= 2]
    return found


def _is_part(norm: str, m: re.Match[str]) -> bool:
    """Whether the count at ``m`` is of a part; "每"/"each" after it is about something else
    ("20 个音色每人录制 30 分钟" still counts 20 voices)."""
    end = m.start("run") if "run" in m.groupdict() else m.end()
    return bool(_PART.search(norm[:end]) or _PART.search(_PER.sub(" ", norm[end:]))
                or _BEFORE.search(norm[:m.start()]))


def _cjk_nouns(run: str) -> list[str]:
    """What "N 个" counts: "客服音色" → 客服 and 音色; "音色每人" → 音色; "小时" → nothing."""
    run = _CJK_STOP.split(run)[0]
    pairs = [run[i:i + 2] for i in (0, 2) if len(run) >= i + 2]
    return [p for p in pairs if not _CJK_NOT_COUNTED.search(p)]


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
