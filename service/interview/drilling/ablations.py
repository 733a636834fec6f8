"""Ablation numbers: how much a metric drops without a component.

The novelty point's evidence is an ablation ("removing CTAF −1.2 F1", "消融：去掉多尺度融合 AUROC
−1.3", "去掉对比过滤，改写准确率下降 7.9 个点"). It is also one of the easiest numbers to inflate:
"if you take out the cross-temporal attention, F1 drops by about 2.4 points" against the résumé's
1.2 is worth confronting. The headline's own improvement is no ablation (it is compared by the
ledger's metric statements), so only a clause in a sentence about removing something counts, on
both sides, and an answer's ablation is held only against the résumé's ablations of the same
metric: it clashes when it is near none of them (within 30 %, or a quarter of a point). When the
answer names what it removed in the words of one of them ("drop the label supervision" against
"removing the label supervision of the queries −3.9"), it is held against that one only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.quantities import (
    BASELINE_WITHOUT,
    _metric_names,
    canonical_metric,
    metric_statements,
)
from service.interview.drilling.text import SENTENCE_BREAK, Answer, content_words

# a sentence about taking a component out
_ABLATION = re.compile(r"消融|去掉|去除|拿掉|移除|不加|删掉|ablat\w*|(?<![a-z])without(?![a-z])|w/o"
                       r"|remov(?:e|es|ed|ing)|take (?:\w+ ){0,4}out|taking (?:\w+ ){0,4}out"
                       r"|drop(?:s|ped|ping)? (?:the|its|our)")
# the drop, right before or after the metric's name
_AFTER = re.compile(r"^\s*(?:就|会|直接|大概|约|also |would |goes |go )?(?:下降|降|掉|少|跌|drops?|dropped|falls?"
                    r"|fell|loses?|lost|goes down|went down|decreases?|decreased)?\s*(?:了|by|of)?\s*"
                    r"(?:about |around |roughly |maybe |大概|约|将近|差不多)?"
                    r"(?P<sign>[-−–])?\s*(?P<v>\d+(?:\.\d+)?)\s*(?:个)?(?P<unit>百分点|个点|点|points?|pp|%)?")
_BEFORE = re.compile(r"(?P<sign>[-−–])\s*(?P<v>\d+(?:\.\d+)?)\s*(?:个)?(?:百分点|个点|点|points?|pp|%)?\s*"
                     r"(?:[a-z][\w\-]*\s+){0,2}$")  # "−3.9 points CheXbert micro-F1"
# a drop with no metric named: the metric of the sentence's ablation before it ("removing the
# queries entirely −6.5 points")
_BARE_DROP = re.compile(r"(?<![\w.])[-−–]\s*(?P<v>\d+(?:\.\d+)?)\s*(?:个)?(?:百分点|个点|点|points?|pp|%)?")
_LATIN = re.compile(r"[a-z][a-z\-]{3,}")
_STOP = frozenset("the and with without removing remove removed drop dropped keep kept but its our this "
                  "that points point entirely only also from ablation about falls fell drops".split())
_DROP_WORD = re.compile(r"下降|降|掉|少|跌|drop|fall|fell|lose|lost|down|decrease")
TOLERANCE = 0.3  # an ablation restated within 30 % (or a quarter of a point) agrees


@dataclass(frozen=True)
class Ablation:
    metric: str  # canonical metric key, e.g. "f1", "auc"
    drop: float  # points the metric loses without the component
    said: str
    words: frozenset[str] = frozenset()  # what was removed, in its words


def ablations(text: str) -> list[Ablation]:
    """The ablation drops ``text`` states, one per clause and metric."""
    found: list[Ablation] = []
    last: str | None = None
    for sentence in SENTENCE_BREAK.split(text):
        answer = Answer(sentence)
        m = _ABLATION.search(answer.norm)
        if m is None or BASELINE_WITHOUT.search(answer.norm[:m.start()]):  # "vs. … without"
            continue
        words = content_words(answer.norm, _LATIN, _STOP)  # what the sentence says was removed
        for clause in answer.clauses:
            said = answer.original(clause.start, clause.end)
            changes = [s for s in metric_statements(said) if s.baseline is not None or s.delta]
            if changes:  # "AUC went from 0.91 to 0.88", "准确率下降 7.9 个点"
                found += [Ablation(s.key.removeprefix("metric:"), abs(s.value - (s.baseline or 0.0)),
                                   said, words) for s in changes[:1]]
                continue
            for name in _metric_names(clause.norm, frozenset()):
                metric = canonical_metric(name.group(0))
                drop = _drop(clause.norm, name.start(), name.end())
                if metric is not None and drop is not None:
                    found.append(Ablation(metric, drop, said, words))
                    last = metric
                    break
            else:
                bare = _BARE_DROP.search(clause.norm) if last else None
                if bare is not None and last is not None:
                    found.append(Ablation(last, float(bare.group("v")), said, words))
    return found


def _drop(norm: str, start: int, end: int) -> float | None:
    after = _AFTER.match(norm[end:end + 40])
    if after and (after.group("sign") or _DROP_WORD.search(after.group(0))):
        value = float(after.group("v"))
        return value * 100 if value < 1 and not after.group("unit") and "." in after.group("v") \
            and not after.group("sign") else value
    before = _BEFORE.search(norm[max(0, start - 40):start])
    return float(before.group("v")) if before else None


def ablation_conflicts(stated: list[Ablation], claimed: list[Ablation]) -> list[tuple[str, str, str]]:
    """(key, claim, said) for a stated ablation near no claimed ablation of its metric."""
    out = []
    for said in stated:
        same = [c for c in claimed if c.metric == said.metric]
        overlap = max((len(c.words & said.words) for c in same), default=0)
        if overlap >= 2:  # the answer names which component it removed
            same = [c for c in same if len(c.words & said.words) == overlap]
        if same and all(abs(said.drop - c.drop) > max(TOLERANCE * c.drop, 0.25) for c in same):
            out.append((f"ablation:{said.metric}", same[0].said, said.said))
    return out
