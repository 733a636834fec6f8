"""Denied key points: the answer negates or dismisses something a key point asserts.

Confidently wrong answers often say the opposite of a key point in so many words: "不需要重新归一化",
"it doesn't use cross-validation", "heads are averaged rather than concatenated", "种子的差别可以
忽略", "batch size doesn't really matter". The cue words are right there, so cue and semantic
evidence both credit the point. This check finds a key-point cue under a negation or dismissal and
compares it with the reference: if the reference never negates that cue anywhere, the answer
denies what the reference asserts.

Both sides are deliberately asymmetric. In the answer, only a negation that clearly governs the
cue counts: right before it (at most a few characters, or two light words such as "need", "use",
"any", "to"), not inside a question ("有没有"), a conditional ("without X, …", "如果不…"), a
comparison ("不像 RNN"), an imperative warning ("别忘了", "don't threshold") or an adjective
("不稳定", "不多"); dismissals ("可以忽略", "doesn't matter") follow the cue. In the reference,
any negation or avoidance near the cue ("避免", "without", "instead of", "无关") exempts it. Cues
naming a failure mode (overflow, leakage, vanishing, …) are exempt too: saying they do *not*
happen is how correct answers talk about them. Key points that are themselves negative ("…, not
V") are left to :mod:`.contradiction`'s denied-exception check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.schema import Entry
from knowledge.textnorm import normalize

ZH_WINDOW = 6  # characters between a Chinese negation and the cue it governs
EN_LIGHT_WORDS = 2  # light words allowed between an English negation and the cue
ABOUT_POINT = 0.0  # below this relative cosine a clause is about another point, not this one

_BREAK = re.compile(r"[，,。;；:：！!?？、\n]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII = re.compile(r"[a-z0-9]")
# answer side: negations that govern what follows; adjectival 不 (不稳/不多/不平衡), 分别/区别,
# A-not-A questions (有没有/是不是) and 别 (imperative warnings) are excluded
_NEGATOR_ZH = re.compile(
    r"(?<![有是要能会])(?:不(?!同|断|仅|过|错|少|久|论|管|但|停|然|一样|如|外|止|多|大|小|高|低|好|"
    r"稳|平衡|均|足|太|够|光|行|对|准|确定|清楚|记得)|没|无需|无须|未(?!来|知)|并非|而非)")
_ASIDE_ZH = re.compile(r"有没有|是不是|要不要|能不能|会不会|像|如果|要是|假如|若|否则|不然|的话|一旦|别|不要")
_NEGATOR_EN = re.compile(r"(?:\b(?:not|no|never|without|cannot)|n't|\brather than|\binstead of)$")
_LIGHT_EN = frozenset("need needs needed use uses using used have has any a an the to really "
                      "require requires apply applied involve include includes do care on of for "
                      "in with by compute store keep add even".split())
_ASIDE_EN = re.compile(r"\b(?:if|unless|otherwise|like|unlike|not only|not just|no matter|"
                       r"no longer)\b|^(?:don't|do not|never|without)\b")
_DISMISS_ZH = re.compile(r"^[^，,。;；:：！!?？、\n]{0,4}?(?:不用(?:管|考虑|记|特别|关心|太)|没必要|可以忽略|"
                         r"忽略不计|无所谓|没有(?:关系|影响|意义|必要|用)|不重要|不影响|没什么用)")
_DISMISS_EN = re.compile(
    r"^\W*(?:[\w-]+\W+){0,2}?(?:(?:doesn't|does not|don't|do not) (?:really )?matter|"
    r"(?:isn't|is not|aren't|are not) (?:really )?(?:related|needed|necessary|important|required)|"
    r"(?:is|are) (?:unnecessary|irrelevant|negligible|optional)|can be ignored)\b")
# reference side: any negation, avoidance or restriction near the cue exempts it
_REFERENCE_NEGATION = re.compile(
    r"不|没|无|未|非|别|避免|防止|免|省去|\b(?:not|no|never|without|cannot|neither|nor|rather than|"
    r"instead of|avoid\w*|prevent\w*|free|only)\b|n't\b")
# a key point that itself denies something ("pairs that never co-occur", "…, not V"); English,
# since Chinese 不 is as often adjectival (不稳定) as it is a denial
_NEGATIVE_POINT = re.compile(r"\b(?:not|no|never|without|rather than|instead of|cannot)\b|n't")
# "不能在测试集上调": a preposition between the negation and the cue means the negation governs
# the verb that follows, not the cue
_PREPOSITION_ZH = re.compile(r"[在对把从给被跟向于]")
_FAILURE_MODE = re.compile(
    r"overflow|underflow|溢出|下溢|leak|泄漏|泄露|污染|contamin|drift|漂移|saturat|饱和|vanish|消失|"
    r"explod|爆炸|overfit|过拟合|unstable|不稳|nan\b|recomput|重复计算|collapse|坍塌|bottleneck|瓶颈|"
    r"noise|噪声")


@dataclass(frozen=True)
class DeniedCue:
    clause: int
    point: int
    cue: str
    phrase: str  # the negation or dismissal as the candidate said it


def occurrences(cue: str, text: str) -> list[int]:
    """Start offsets of ``cue`` in ``text``; ASCII cues must start at a word boundary."""
    found, start = [], text.find(cue)
    while start >= 0:
        if not _ASCII.match(cue) or start == 0 or not _ASCII.match(text[start - 1]):
            found.append(start)
        start = text.find(cue, start + 1)
    return found


def _reference_negates(text: str, start: int, end: int) -> bool:
    before = _BREAK.split(text[:start])[-1][-10:]
    after = text[end:]
    return bool(_REFERENCE_NEGATION.search(before) or _REFERENCE_NEGATION.search(
        _BREAK.split(after)[0][:8]) or _DISMISS_ZH.search(after) or _DISMISS_EN.search(after))


def _negated_en(before: str) -> str | None:
    words = before.split()
    for gap in range(EN_LIGHT_WORDS + 1):
        head, between = words[:len(words) - gap], words[len(words) - gap:]
        if len(head) < 1 or not all(w in _LIGHT_EN for w in between):
            break
        if _NEGATOR_EN.search(" ".join(head)):
            window = " ".join(words[-(gap + 3):])
            return None if _ASIDE_EN.search(window) or _ASIDE_EN.search(before) else window
    return None


def negation_before(text: str, start: int, cue: str) -> str | None:
    """The negation governing the cue at ``start`` in the (normalized) answer clause, if any."""
    before = _BREAK.split(text[:start])[-1]
    if _CJK.search(cue) or _CJK.search(before[-2:]):
        window = before[-ZH_WINDOW:]
        # the last negation before the cue is the one that could govern it
        negator = max(_NEGATOR_ZH.finditer(window), key=lambda m: m.start(), default=None)
        if (negator and not _PREPOSITION_ZH.search(window, negator.end())
                and not _ASIDE_ZH.search(before[-ZH_WINDOW - 2:])):
            return window.strip()
        return None
    return _negated_en(before.strip())


def dismissal_after(text: str, end: int) -> str | None:
    """A dismissal right after the cue ("…可以忽略", "… doesn't really matter")."""
    found = _DISMISS_ZH.search(text[end:]) or _DISMISS_EN.search(text[end:])
    return found.group(0).strip() if found else None


class DeniedPoints:
    """Per entry: the cues a key point asserts and the reference never negates."""

    def __init__(self, entry: Entry, reference: str) -> None:
        ref = normalize(reference)
        self._cues: list[tuple[int, str]] = []
        for k, kp in enumerate(entry.key_points):
            if _NEGATIVE_POINT.search(normalize(kp.en)):
                continue
            for cue in dict.fromkeys(normalize(c) for c in kp.cues):
                if _FAILURE_MODE.search(cue) or any(
                        _reference_negates(ref, s, s + len(cue)) for s in occurrences(cue, ref)):
                    continue
                self._cues.append((k, cue))

    def find(self, normalized: Sequence[str], rel: np.ndarray) -> list[DeniedCue]:
        """Cues negated or dismissed in a clause that is not about another point
        (``rel`` ≥ ``ABOUT_POINT``)."""
        out: list[DeniedCue] = []
        for c, text in enumerate(normalized):
            for k, cue in self._cues:
                if rel[c, k] < ABOUT_POINT or any(d.clause == c and d.point == k for d in out):
                    continue
                for start in occurrences(cue, text):
                    phrase = (negation_before(text, start, cue)
                              or dismissal_after(text, start + len(cue)))
                    if phrase:
                        out.append(DeniedCue(c, k, cue, phrase))
                        break
        return out
