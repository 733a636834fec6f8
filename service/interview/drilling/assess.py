"""Assessing one drilling answer: which slots it fills, which it evades, what to quote back.

:class:`SlotAssessor` reads an answer clause by clause. A slot is *filled* by a clause when the
slot's pattern (or detector) finds it stated concretely there, or — through the embedding model —
when the clause is close in meaning to the slot's exemplars *and* carries concrete content (a
number, a name) *and* mentions the slot's topic. A clause that holds an evasion and fills nothing
is evasive; the point's missing slots then count as evaded, never as filled.

Clauses that fill nothing of the asked point but fill slots of another point are *credited* to
that point (so it is not asked again); an answer made only of those is off-point, and the engine
brings the candidate back. The quote for a press is the evasive span's clause, else the vaguest
clause about the point, else the first clause — always the candidate's own words.

The embedding step is optional (``vectors=None`` runs the patterns alone) so the state machine can
be tested without a model; the service passes one batched encode of the answer's clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from service.interview.drilling import detectors
from service.interview.drilling.evasion import Evasion, find_evasions
from service.interview.drilling.slots import BY_KEY, METRIC_NAME, SLOTS, Slot
from service.interview.drilling.text import Answer, Clause

# Slots that may be credited to a point other than the one asked: things that are unambiguous
# wherever they are said (a number with its unit, a name). Reasons, causes and decisions are
# only read in answers to their own point.
CREDITABLE = frozenset({
    "model.arch", "model.change", "model.cost", "training.loss", "training.optimizer",
    "training.lr", "training.batch", "training.epochs", "training.hardware", "data.source",
    "data.size", "data.labeling", "data.balance", "data.split", "metrics.metric",
    "metrics.result", "metrics.baseline", "metrics.test_set"})
QUOTE_CHARS = 28  # CJK characters (an English quote is cut at ~12 words)
_ABLATION_CUE = re.compile(r"消融|ablat|去掉(?:它|这)|without (?:it|this|the)|对比实验")
_SCORE = re.compile(r"(?<![\w@\-.])(?:0?\.\d{2,}|\d{1,2}\.\d|\d+(?:\.\d+)?\s*(?:%|个点|points?|pp))(?![\w.])")

Detector = Callable[[Clause, str, "Answer"], bool]


def _arch(c: Clause, original: str, answer: Answer) -> bool:
    return bool(detectors.named_models(original, c.norm))


def _result(c: Clause, original: str, answer: Answer) -> bool:
    named = bool(METRIC_NAME.search(answer.norm)) or "metrics.metric" in answer.known
    if answer.point == "metrics" and detectors.reached_number(c.norm):
        return True  # "从 0.71 到 0.84" answering "which metric, from what to what"
    return detectors.metric_result(c.norm, named)


DETECTORS: dict[str, Detector] = {
    "model.arch": _arch,
    "data.source": lambda c, o, a: detectors.named_source(o, c.norm),
    "difficulty.problem": lambda c, o, a: detectors.technical_problem(c.norm),
    "difficulty.solution": lambda c, o, a: detectors.concrete_fix(c.norm),
    "novelty.what_new": lambda c, o, a: detectors.new_mechanism(c.norm),
    "metrics.result": _result,
    "contribution.own_part": lambda c, o, a: detectors.own_part(c.norm),
}


# A metric named while answering another point ("success was mAP@0.5 on unseen stores") is
# credited even when the clause also answers that point: asking "which metric?" later is deaf.
NAMED_ANYWHERE = frozenset({"metrics.metric"})


@dataclass
class Assessment:
    """What one answer gave for the asked point (slot names) and for others (slot keys)."""

    point: str
    filled: dict[str, str] = field(default_factory=dict)  # slot name -> evidence (own words)
    mentioned: dict[str, str] = field(default_factory=dict)
    evaded: dict[str, str] = field(default_factory=dict)  # slot name -> evasive span
    credited: dict[str, str] = field(default_factory=dict)  # "point.slot" -> evidence
    evasions: list[tuple[str, str]] = field(default_factory=list)  # (kind, span in own words)
    quote: str = ""
    quote_kind: str = "vague"  # an evasion kind, "vague", "partial", "off_point" or "empty"
    best: str = ""  # the most concrete clause, for the preparation sheet
    units: int = 0

    @property
    def off_point(self) -> bool:
        return not self.filled and bool(self.credited) and self.quote_kind == "off_point"

    def as_dict(self) -> dict[str, object]:
        return {"point": self.point, "filled": self.filled, "evaded": self.evaded,
                "credited": self.credited, "evasions": [list(e) for e in self.evasions],
                "quote": self.quote, "quote_kind": self.quote_kind}


class SlotAssessor:
    """Assesses answers against the slot catalog; ``bank`` adds the embedding model's view."""

    def __init__(self, bank: SlotBank | None = None) -> None:
        self.bank = bank

    @staticmethod
    def clause_texts_of(text: str) -> list[str]:
        """The clauses :meth:`assess` will read, in the candidate's words (to embed them)."""
        answer = Answer(text)
        return [answer.original(c.start, c.end) for c in answer.clauses]

    def assess(self, point: str, text: str, vectors: np.ndarray | None = None,
               known: frozenset[str] = frozenset()) -> Assessment:
        """``known``: slot keys already established for this project (``"metrics.metric"``
        lets "0.88 for ours" count as a result)."""
        answer = Answer(text)
        answer.known, answer.point = known, point
        result = Assessment(point=point, units=answer.units)
        evasions = find_evasions(answer.norm)
        result.evasions = [(e.kind, answer.original(e.start, e.end)) for e in evasions]
        semantic = self.bank.similarities(vectors) if self.bank is not None and \
            vectors is not None and len(vectors) == len(answer.clauses) else None
        clause_fills: list[set[str]] = []
        for i, clause in enumerate(answer.clauses):
            original = answer.original(clause.start, clause.end)
            fills = self._fills(clause, original, answer, semantic[i] if semantic else None)
            clause_fills.append(fills)
            own = {k.split(".", 1)[1] for k in fills if k.startswith(point + ".")}
            for name in own:
                result.filled.setdefault(name, original)
            for slot in SLOTS[point]:
                if slot.name not in own and slot.cue.search(clause.norm):
                    result.mentioned.setdefault(slot.name, original)
            for key in sorted(fills & CREDITABLE):
                if not key.startswith(point + ".") and (not own or key in NAMED_ANYWHERE):
                    result.credited.setdefault(key, original)
        self._answer_level(point, answer, result, clause_fills)
        if point == "task" and "io" not in result.filled:
            at = detectors.input_and_output([c.norm for c in answer.clauses])
            if at is not None:
                c = answer.clauses[at]
                result.filled["io"] = answer.original(c.start, c.end)
                clause_fills[at].add("task.io")
        self._quote(result, answer, evasions, clause_fills)
        return result

    def _fills(self, clause: Clause, original: str, answer: Answer,
               semantic: dict[str, float] | None) -> set[str]:
        fills: set[str] = set()
        evasive = bool(find_evasions(clause.norm))
        if evasive and not (detectors.has_number(clause.norm)
                            or detectors.named_models(original, clause.norm)):
            return fills  # "因为大家都用", "所以不用改什么": an evasion states nothing
        if evasive:
            semantic = None  # meaning never turns an evasive clause into content
        for key, slot in BY_KEY.items():
            detector = DETECTORS.get(key)
            found = detector(clause, original, answer) if detector else bool(
                slot.fill.search(clause.norm))
            if not found and semantic is not None and self.bank is not None:
                found = self.bank.supports(slot, clause, semantic)
            if found:
                fills.add(key)
        if "model.change" in fills and detectors.add_only(clause.norm):
            fills.discard("model.change")
        return fills

    @staticmethod
    def _answer_level(point: str, answer: Answer, result: Assessment,
                      clause_fills: list[set[str]]) -> None:
        """Slots stated across clauses: an ablation named in one clause and its numbers in the
        next ("In the ablation, X gets 0.74, Y 0.77"); results listed after the metric was named
        ("accuracy on the test split, English 88.4; Hindi 79.2")."""
        norms = [c.norm for c in answer.clauses]
        scored = [j for j, n in enumerate(norms) if _SCORE.search(n) and not find_evasions(n)]
        if point == "novelty" and "evidence" not in result.filled:
            at = next((i for i, n in enumerate(norms) if _ABLATION_CUE.search(n)), None)
            later = [j for j in scored if at is not None and j >= at]
            if later:
                c = answer.clauses[later[0]]
                result.filled["evidence"] = answer.original(c.start, c.end)
                clause_fills[later[0]].add("novelty.evidence")
        named = "metrics.metric" in answer.known or "metric" in result.filled
        if point == "metrics" and "result" not in result.filled and named and scored:
            c = answer.clauses[scored[0]]
            result.filled["result"] = answer.original(c.start, c.end)
            clause_fills[scored[0]].add("metrics.result")

    def _quote(self, result: Assessment, answer: Answer, evasions: list[Evasion],
               clause_fills: list[set[str]]) -> None:
        clauses = answer.clauses
        if not clauses:
            result.quote, result.quote_kind = answer.text[:QUOTE_CHARS], "empty"
            return
        own = [any(k.startswith(result.point + ".") for k in f) for f in clause_fills]
        best = max(range(len(clauses)), key=lambda i: len(clause_fills[i]))
        result.best = answer.original(clauses[best].start, clauses[best].end) if \
            clause_fills[best] else ""
        located = [(e, next((i for i, c in enumerate(clauses) if c.start <= e.start < c.end), -1))
                   for e in evasions]
        located = [(e, i) for e, i in located if i >= 0]
        located.sort(key=lambda item: own[item[1]])  # an evasion that stated nothing, first
        if located:
            e, i = located[0]
            result.quote = _clip(answer, clauses[i], e)
            result.quote_kind = "partial" if own[i] else e.kind
            for slot in _gaps(result):
                result.evaded.setdefault(slot.name, result.quote)
            return
        if not any(own) and result.credited:
            i = next(i for i, f in enumerate(clause_fills) if f & CREDITABLE)
            result.quote, result.quote_kind = _clip(answer, clauses[i]), "off_point"
            return
        vague = [i for i, c in enumerate(clauses) if not own[i] and _quotable(clauses[i].norm)]
        if len(clauses) > 1 and _quotable(answer.norm) and _short(answer.text):
            result.quote = answer.text.strip(" 。.!！")  # a short answer is quoted whole
            result.quote_kind = "partial" if any(own) else "vague"
            return
        if vague:
            topical = [i for i in vague if any(s.cue.search(clauses[i].norm)
                                               for s in SLOTS[result.point])]
            i = (topical or vague)[0]
            result.quote, result.quote_kind = _clip(answer, clauses[i]), "vague"
            return
        mine = [i for i in range(len(clauses)) if own[i]]
        result.quote, result.quote_kind = _clip(answer, clauses[mine[-1] if mine else -1]), "partial"


def _quotable(norm: str) -> bool:
    """Worth quoting: not a filler like "好吧", "嗯", "ok so"."""
    return len(re.findall(r"[\u4e00-\u9fff]", norm)) >= 4 or len(re.findall(r"[a-z]+", norm)) >= 3


def _short(text: str) -> bool:
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return len(text) <= QUOTE_CHARS if cjk else len(text.split()) <= 14


def _gaps(result: Assessment) -> list[Slot]:
    return [s for s in SLOTS[result.point] if s.name not in result.filled]


def _clip(answer: Answer, clause: Clause, evasion: Evasion | None = None) -> str:
    """The clause in the candidate's words, cut around the evasion when it is long, and joined
    to the clause before it when it is too short to recognise ("挺多的" → "文档就是公司内部的那些，挺多的")."""
    start, end = clause.start, clause.end
    text = answer.original(start, end)
    if len(text) < 6:
        before = [c for c in answer.clauses if c.end <= clause.start]
        if before and clause.end - before[-1].start <= QUOTE_CHARS + 4:
            start = before[-1].start
            text = answer.original(start, end)
    if len(text) <= QUOTE_CHARS or (not any("\u4e00" <= ch <= "\u9fff" for ch in text)
                                    and len(text.split()) <= 14):
        return text
    if evasion is not None:
        start = max(start, evasion.start - 10)
        end = min(end, evasion.end + 10)
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    if cjk:
        end = min(end, start + QUOTE_CHARS)
        return answer.original(start, end)
    words = answer.original(start, end).split()
    return " ".join(words[:12])


class SlotBank:
    """Slot exemplars embedded once; per answer, clause-vs-slot similarities.

    ``supports`` fills a slot from meaning alone only when three things agree: the clause is
    close to the slot's exemplars (``threshold``), it is closer to them than to any slot of
    another point by ``margin``, and it carries concrete content (a number or a name) — meaning
    decides *which* slot a concrete statement fills ("一次喂 4096 对" is a batch size), never
    *whether* a vague one is concrete. Evasive clauses are never read this way.
    """

    def __init__(self, keys: list[str], vectors: np.ndarray, threshold: float = 0.86,
                 margin: float = 0.01) -> None:
        self.keys = keys
        self.vectors = vectors
        self.threshold = threshold
        self.margin = margin
        self._owner = np.array([BY_KEY[k].point for k in keys])

    @classmethod
    def build(cls, embed: Callable[[list[str]], np.ndarray], **kwargs: float) -> SlotBank:
        keys, texts = [], []
        for key, slot in BY_KEY.items():
            for example in slot.exemplars:
                keys.append(key)
                texts.append(example)
        return cls(keys, embed(texts), **kwargs)

    def similarities(self, vectors: np.ndarray) -> list[dict[str, float]]:
        sims = vectors @ self.vectors.T  # (clauses, exemplars)
        result = []
        for row in sims:
            best: dict[str, float] = {}
            for key, value in zip(self.keys, row.tolist(), strict=True):
                if value > best.get(key, -1.0):
                    best[key] = value
            result.append(best)
        return result

    def supports(self, slot: Slot, clause: Clause, semantic: dict[str, float]) -> bool:
        score = semantic.get(slot.key, 0.0)
        if score < self.threshold:
            return False
        rival = max((v for k, v in semantic.items() if BY_KEY[k].point != slot.point), default=0.0)
        concrete = detectors.has_number(clause.norm) or bool(
            detectors.named_models(clause.norm, clause.norm))
        return concrete and score >= rival + self.margin
