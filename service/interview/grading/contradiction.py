"""Cheap contradiction markers: confident statements the reference disagrees with.

Sentence embeddings barely notice negation or a swapped term ("IoU 大于阈值就删" and "IoU 小于阈值
就删" are near-identical vectors), so a confidently wrong answer looks on-topic to them. Five
checks catch common ways candidates are wrong, with the entry's own reference text as the source
of truth. All are conservative: a false alarm costs a correct candidate points. Each finding names
the answer clause and, where known, the key point it gets wrong, so the grader can withhold that
point's credit.

* **Confusable substitution** — the answer asserts (not under a negation, not in a conditional
  or comparison) a member of a small set of easily confused terms (softmax/sigmoid,
  MSE/cross-entropy, arithmetic/harmonic mean, dim 0/last dim, greater/less than, O(n)/O(n²))
  that the reference never uses, while the reference uses another member.
* **Swapped subject** — in "compare X and Y" entries key points are about a named subject
  ("BN …", "LN …", "L1 …", "GQA …"). A clause naming only X that matches a point about
  Y clearly better than any point about X (and names nothing that point names) attributes Y's
  property to X.
* **Denied exception** — a key point that says "…, not Y" or "never Y", and a clause clearly
  arguing that point that mentions Y with no negation ("clipping is the fix for vanishing
  gradients" against "clipping addresses exploding, not vanishing, gradients"; "apply it to q, k
  and v" against "… not to V"). English key points only: the scope of a Chinese negation is too
  hard to find cheaply.
* **Denied key point** (:mod:`.negation`) — a key-point cue negated or dismissed ("不需要重新归一
  化", "batch size doesn't really matter") where the reference never negates it.
* **Stated opposite** (:mod:`.contrast`) — a clause naming one member of a contrast group (larger/
  smaller, validation/test set, …) where its closest reference statement names another.

:class:`ReferenceChecks` precomputes everything per entry, so a check costs a few regex searches
and one small matrix product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from knowledge.schema import Entry, KeyPoint
from knowledge.textnorm import normalize
from service.interview.grading.code import is_code
from service.interview.grading.contrast import ASIDE, ReferenceStatements, asserts
from service.interview.grading.evidence import PassageCache
from service.interview.grading.negation import DeniedPoints

STRONG_MATCH = 0.025  # relative cosine: the clause clearly argues this key point
SWAP_MARGIN = 0.01  # … and matches it better than every point about its own subject

_NEGATION_ZH = re.compile(r"不(?!同|断|仅|过|错|少|久|论|管|但|停|然|一样|如|外|止)|没|无(?!论)|"
                          r"未(?!来)|非(?!常|线性)|别(?!的|人)")
_NEGATION_EN = re.compile(
    r"\b(?:not|no|never|none|nothing|without|cannot|neither|nor|rather than|instead of)\b|n['’]t\b")
# "…, not Y" and "never Y" in an English key point: Y is what the point rules out
# (matched on the key point as written: a single capital — "not to V", "never X" — is a name too)
_DENIED = re.compile(r"(?:[,;—]\s*not|\bnever)\s+(?:the\s+|a\s+|to\s+)?"
                     r"([A-Za-z][\w\-]{2,}|[A-Z](?!\w))")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LEADING = frozenset({"in", "an", "a", "the", "with", "for", "under", "at", "on"})
_NAME = re.compile(r"[a-z][a-z0-9+\-]*")
_ACRONYM = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*\b")
# spelled-out forms of subjects that key points abbreviate
_ALIASES = (("batch normalization", "bn"), ("batchnorm", "bn"), ("batch norm", "bn"),
            ("批归一化", "bn"), ("layer normalization", "ln"), ("layernorm", "ln"),
            ("layer norm", "ln"), ("层归一化", "ln"))
# Sets of easily confused alternatives, matched on normalized text (NFKC turns "²" into "2").
CONFUSABLE_SETS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("softmax", r"softmax"), ("sigmoid", r"sigmoid")),
    (("squared error", r"\bmse\b|均方误差|平方误差|squared error"),
     ("cross-entropy", r"交叉熵|cross[- ]?entropy|负对数似然|log[- ]likelihood")),
    (("arithmetic mean", r"算术平均|arithmetic mean"), ("harmonic mean", r"调和平均|harmonic mean"),
     ("geometric mean", r"几何平均|geometric mean")),
    (("dim 0", r"\b(?:dim|axis)\s*=?\s*0\b|第\s*0\s*维"),
     ("last dim", r"\b(?:dim|axis)\s*=?\s*-1\b|最后一维|last dim")),
    (("greater than", r"大于|greater than|larger than"), ("less than", r"小于|less than|smaller than")),
)
_BIG_O = re.compile(r"\bo\(([^()]{1,24})\)")


@dataclass(frozen=True)
class Contradiction:
    message: str
    clause: int | None  # the answer clause that says it, when one does
    point: int | None = None  # the key point it contradicts, when the check knows
    correction: tuple[str, str] | None = None  # (zh, en): what is true instead


def has_negation(text: str) -> bool:
    norm = normalize(text)
    return bool((_NEGATION_ZH if _CJK.search(norm) else _NEGATION_EN).search(norm))


def _complexities(text: str) -> set[str]:
    return {re.sub(r"[\s^*·]", "", inner) for inner in _BIG_O.findall(text)}


def _canonical(text: str) -> str:
    text = normalize(text)
    for spelled, short in _ALIASES:
        text = text.replace(spelled, short)
    return text


def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])")


def _subject(point: KeyPoint) -> str | None:
    """The named subject a key point is about: the name it opens with in both languages
    ("BN 对每个通道…" / "BN normalizes…"). Names have a capital, digit or hyphen (BN, L2, top-k),
    so ordinary words ("loss", "log") never count as subjects."""
    zh = re.match(r"\s*([A-Za-z][A-Za-z0-9+\-]*)", point.zh)
    if not zh or len(zh.group(1)) < 2 or (zh.group(1).islower() and "-" not in zh.group(1)):
        return None
    opening = [w for w in _NAME.findall(point.en.lower()) if w not in _LEADING][:2]
    return zh.group(1).lower() if zh.group(1).lower() in opening else None


class ReferenceChecks:
    """The five checks for one entry, with its reference facts precomputed. Without ``passages``
    (an embedder) the stated-opposite check is skipped."""

    def __init__(self, entry: Entry, reference: str, passages: PassageCache | None = None) -> None:
        ref = normalize(reference)
        self._confusable = [
            ([name for name, pat in group if re.search(pat, ref)],
             [(name, re.compile(pat)) for name, pat in group]) for group in CONFUSABLE_SETS]
        self._complexities = _complexities(ref)
        self._subject = [_subject(kp) for kp in entry.key_points]
        subjects = {s for s in self._subject if s}
        vocabulary = subjects | {a.lower() for kp in entry.key_points
                                 for a in _ACRONYM.findall(kp.en)}
        self._vocabulary = {n: _word(n) for n in vocabulary} if len(subjects) >= 2 else {}
        self._point_names = [self._names(f"{kp.zh} {kp.en}") for kp in entry.key_points]
        self._denied = [[(t, re.compile(rf"\b{re.escape(t)}\b"))
                         for t in dict.fromkeys(normalize(d) for d in _DENIED.findall(kp.en))]
                        for kp in entry.key_points]
        self._denied_points = DeniedPoints(entry, reference)
        self._statements = ReferenceStatements(entry, passages) if passages else None

    def _names(self, text: str) -> set[str]:
        canon = _canonical(text)
        return {n for n, pattern in self._vocabulary.items() if pattern.search(canon)}

    def find(self, pieces: list[str], rel: np.ndarray,
             clause_vecs: np.ndarray | None = None) -> list[Contradiction]:
        """All contradictions in the answer (``pieces``: clauses; ``rel``: clause × point;
        ``clause_vecs``: the clauses' query vectors, for the stated-opposite check)."""
        normalized = [normalize(p) for p in pieces]
        found = self._localized_confusions(normalized) + self.swapped_subjects(pieces, rel)
        found += self.denied_exceptions(pieces, rel)
        found += [Contradiction(f"denies {d.cue!r} ({d.phrase!r}), which key point {d.point} "
                                f"asserts", d.clause, d.point)
                  for d in self._denied_points.find(normalized, rel)]
        if self._statements is not None and clause_vecs is not None:
            found += [Contradiction(f"says {o.said} where the reference says {o.reference_says}: "
                                    f"{o.statement!r}", o.clause)
                      for o in self._statements.opposites(normalized, clause_vecs)]
        code = {c for c, piece in enumerate(pieces) if is_code(piece)}
        return [f for f in found if f.clause not in code]

    def _localized_confusions(self, normalized: list[str]) -> list[Contradiction]:
        """:meth:`confusions` clause by clause, each reported once, at the first clause that
        says it; conditionals and comparisons ("with MSE it would be non-convex") are skipped."""
        out: list[Contradiction] = []
        for c, text in enumerate(normalized):
            if not ASIDE.search(text):
                out += [Contradiction(m, c) for m in self.confusions(text)
                        if all(m != f.message for f in out)]
        return out

    def confusions(self, answer: str) -> list[str]:
        """Terms the answer asserts where the reference uses a confusable alternative instead."""
        text = normalize(answer)
        out = [f"says {name} where the reference says {' / '.join(in_ref)}"
               for in_ref, members in self._confusable if in_ref
               for name, pattern in members if name not in in_ref and asserts(pattern, text)]
        if self._complexities:
            expected = " / ".join(f"O({e})" for e in sorted(self._complexities))
            out += [f"says O({c}) where the reference says {expected}"
                    for c in sorted(_complexities(text) - self._complexities)]
        return out

    def swapped_subjects(self, pieces: list[str], rel: np.ndarray) -> list[Contradiction]:
        """Clauses that attribute one subject's key point to another subject."""
        if not self._vocabulary:
            return []
        out = []
        for c, piece in enumerate(pieces):
            names = self._names(piece)
            named = {s for s in self._subject if s in names}
            k = int(np.argmax(rel[c]))
            if not named or not self._subject[k] or rel[c, k] < STRONG_MATCH:
                continue
            own = [j for j, s in enumerate(self._subject) if s in named]
            if not names & self._point_names[k] and rel[c, k] >= rel[c, own].max() + SWAP_MARGIN:
                out.append(Contradiction(f"attributes to {'/'.join(sorted(named))} what holds for "
                                         f"{self._subject[k]} (key point {k})", c, k))
        return out

    def denied_exceptions(self, pieces: list[str], rel: np.ndarray) -> list[Contradiction]:
        """Clauses asserting, without negation, what a key point they argue explicitly denies."""
        out = []
        for k, denied in enumerate(self._denied):
            for c, piece in enumerate(pieces):
                text = normalize(piece)
                said = [t for t, pattern in denied if pattern.search(text)]
                if said and rel[c, k] >= STRONG_MATCH and not has_negation(piece):
                    out.append(Contradiction(f"asserts {said[0]!r}, which key point {k} rules out",
                                             c, k))
                    break
        return out
