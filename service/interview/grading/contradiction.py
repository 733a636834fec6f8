"""Cheap contradiction markers: confident statements the reference disagrees with.

Sentence embeddings barely notice negation or a swapped term ("IoU 大于阈值就删" and "IoU 小于阈值
就删" are near-identical vectors), so a confidently wrong answer looks on-topic to them. Three
lexical checks catch common ways candidates are wrong, with the entry's own reference text as the
source of truth. All are conservative: a false alarm costs a correct candidate points.

* **Confusable substitution** — the answer uses a member of a small set of easily confused terms
  (softmax/sigmoid, MSE/cross-entropy, arithmetic/harmonic mean, dim 0/last dim, greater/less
  than, O(n)/O(n²)) that the reference never uses, while the reference uses another member.
* **Swapped subject** — in "compare X and Y" entries key points are about a named subject
  ("BN …", "LN …", "L1 …", "GQA …", "epoch …"). A clause naming only X that matches, clearly better than
  any X point, a point about Y (and names nothing that point names) attributes Y's property to X.
* **Denied exception** — a key point that says "…, not Y" or "never Y", and a clause clearly
  arguing that point that mentions Y with no negation ("clipping is the fix for vanishing
  gradients" against "clipping addresses exploding, not vanishing, gradients"). English only:
  the scope of a Chinese negation is too hard to find cheaply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from knowledge.schema import Entry, KeyPoint
from knowledge.textnorm import normalize

STRONG_MATCH = 0.025  # relative cosine: the clause clearly argues this key point
SWAP_MARGIN = 0.01  # … and matches it better than every point about its own subject

_NEG_ZH = (r"不(?!同|断|仅|过|错|少|久|论|管|但|停|然|一样|如|外|止)|没|无(?!论)|未(?!来)|"
           r"非(?!常|线性)|别(?!的|人)")
_NEGATION_ZH = re.compile(_NEG_ZH)
_NEGATION_EN = re.compile(
    r"\b(?:not|no|never|none|nothing|without|cannot|neither|nor|rather than|instead of)\b|n['’]t\b")
# "…, not Y" and "never Y" in an English key point: Y is what the point rules out
_DENIED = re.compile(r"(?:[,;—]\s*not|\bnever)\s+(?:the\s+|a\s+|to\s+)?([a-z][a-z0-9\-]{2,})")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LEADING = {"in", "an", "a", "the", "with", "for", "under", "at", "on"}
_NAME = re.compile(r"[a-z][a-z0-9+\-]*")
_ACRONYM = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*\b")
# spelled-out forms of subjects that key points abbreviate
_ALIASES = (("batch normalization", "bn"), ("batchnorm", "bn"), ("batch norm", "bn"),
            ("批归一化", "bn"), ("layer normalization", "ln"), ("layernorm", "ln"),
            ("layer norm", "ln"), ("层归一化", "ln"))

# Each set lists easily confused alternatives; patterns run on normalized text (NFKC turns
# "²" into "2", so O(n²) is matched as o(n2)).
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



def has_negation(text: str) -> bool:
    norm = normalize(text)
    return bool((_NEGATION_ZH if _CJK.search(norm) else _NEGATION_EN).search(norm))


def _complexities(text: str) -> set[str]:
    return {re.sub(r"[\s^*·]", "", inner) for inner in _BIG_O.findall(text)}


def confusions(answer: str, reference: str) -> list[str]:
    """Terms the answer uses where the reference uses a confusable alternative instead."""
    ans, ref = normalize(answer), normalize(reference)
    out: list[str] = []
    for group in CONFUSABLE_SETS:
        in_ref = [name for name, pat in group if re.search(pat, ref)]
        if in_ref:
            out += [f"says {name} where the reference says {' / '.join(in_ref)}"
                    for name, pat in group if name not in in_ref and re.search(pat, ans)]
    expected = _complexities(ref)
    if expected:
        out += [f"says O({c}) where the reference says {' / '.join(f'O({e})' for e in sorted(expected))}"
                for c in sorted(_complexities(ans) - expected)]
    return out


def _canonical(text: str) -> str:
    text = normalize(text)
    for spelled, short in _ALIASES:
        text = text.replace(spelled, short)
    return text


def _subject(point: KeyPoint) -> str | None:
    """The named subject a key point is about: the first name (2+ characters) of the Chinese
    phrasing that the English phrasing opens with ("一个 epoch 是…" / "One epoch is…",
    "BN 对每个通道…" / "BN normalizes…")."""
    opening = [w for w in _NAME.findall(point.en.lower()) if w not in _LEADING][:2]
    for name in _NAME.findall(point.zh.lower()):
        if len(name) >= 2:
            return name if name in opening else None
    return None


def _names_in(text: str, names: set[str]) -> set[str]:
    canon = _canonical(text)
    return {n for n in names if re.search(rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])", canon)}


@dataclass(frozen=True)
class _Subjects:
    of_point: list[str | None]
    names_of_point: list[set[str]]
    vocabulary: set[str]


def _subjects(entry: Entry) -> _Subjects | None:
    of_point = [_subject(kp) for kp in entry.key_points]
    subjects = {s for s in of_point if s}
    if len(subjects) < 2:
        return None
    vocabulary = subjects | {a.lower() for kp in entry.key_points for a in _ACRONYM.findall(kp.en)}
    names = [_names_in(f"{kp.zh} {kp.en}", vocabulary) for kp in entry.key_points]
    return _Subjects(of_point, names, vocabulary)


def swapped_subjects(entry: Entry, pieces: list[str], rel: np.ndarray) -> list[str]:
    """Clauses that attribute one subject's key point to another subject."""
    subjects = _subjects(entry)
    if subjects is None:
        return []
    out = []
    for c, piece in enumerate(pieces):
        named = _names_in(piece, {s for s in subjects.of_point if s})
        k = int(np.argmax(rel[c]))
        shared = _names_in(piece, subjects.vocabulary) & subjects.names_of_point[k]
        if not named or rel[c, k] < STRONG_MATCH or shared:
            continue
        own = [j for j, s in enumerate(subjects.of_point) if s in named]
        if subjects.of_point[k] and own and rel[c, k] >= rel[c, own].max() + SWAP_MARGIN:
            out.append(f"attributes to {'/'.join(sorted(named))} what holds for "
                       f"{subjects.of_point[k]} (key point {k})")
    return out


def _denied_terms(point: KeyPoint) -> set[str]:
    return {m.group(1) for m in _DENIED.finditer(normalize(point.en))}


def denied_exceptions(entry: Entry, pieces: list[str], rel: np.ndarray) -> list[str]:
    """Clauses asserting, without negation, what a key point they argue explicitly denies."""
    out = []
    for k, point in enumerate(entry.key_points):
        denied = _denied_terms(point)
        for c, piece in enumerate(pieces):
            text = normalize(piece)
            said = sorted(t for t in denied if re.search(rf"\b{re.escape(t)}\b", text))
            if said and rel[c, k] >= STRONG_MATCH and not has_negation(piece):
                out.append(f"asserts {said[0]!r}, which key point {k} rules out")
                break
    return out
