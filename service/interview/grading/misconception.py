"""Known misconceptions: an answer clause that asserts one of the entry's classic wrong statements.

Confidently wrong answers use the right vocabulary ("MoE sends every token to all experts",
"loss scaling divides the loss", "BN normalises over the features"), so cue and semantic evidence
credit them, and the generic checks of :mod:`.contradiction` only catch the wrong ones that swap a
term of a known contrast. An entry may therefore list its classic misconceptions
(``Entry.misconceptions``: short, bilingual, each optionally naming the key point it gets wrong).
They are matched with the same machinery as key points — the answer's clause vectors against the
statements' passage vectors — and a clause is flagged only with specific evidence:

* it aligns with a misconception clearly (cosine ≥ ``MATCH_AT``);
* it is closer to that misconception than to every statement of the reference (both reference
  answers cut into clauses, and every key point) by ``REFERENCE_MARGIN``: a correct clause about
  the same subject sits at least as close to the reference's version of the claim;
* it is at least as close to the misconception as to its *correction* — the truth said the same
  way (``correct_zh``/``correct_en``, a minimal pair): the reference may never state the claim
  at all ("k-means converges to the global optimum" against a good answer's "全局最优是 NP-hard
  的"), the correction always does;
* when the misconception has words of its own that the reference never uses ("global",
  "stride-2"), the clause shares one of them; one made only of the reference's words (a swapped
  pair: "bias rises and variance falls") must beat the reference by ``UNANCHORED_MARGIN`` more;
* it agrees with the misconception on negation (embeddings barely notice "不是每个 token 都…");
* it is no aside (a conditional or a comparison names the wrong version on purpose) and no code.

A clause that says the pair's wrong side word for word and not the correction's ("bagging mainly
reduces bias" against "bagging mainly reduces variance", :func:`_pair_keys`) asserts it when it
is on topic (cosine ≥ ``VERBATIM_AT``), and one that says the correction's side word for word
never does: a swapped pair is what embeddings cannot tell apart. The closest misconception a clause fails does not hide
a farther one it meets. Everything per entry is embedded once (the statements are cached
passages), so a check costs one small matrix product per answer.

Measured (2026-12-06) when the bank went from 159 to 784 misconceptions, every one with its
correction: the labelled dev set's Spearman 0.724 → 0.754 (0.702 with the new misconceptions
alone; confidently wrong answers' mean 25.6 → 18.4); the nine older blind files 0.396 → 0.452
(complete answers' mean 86.6 → 86.4, confidently wrong 55.3 → 49.2, wrong ones scored ≤ 20:
38 → 51 of 144). The eleventh, written after the misconceptions: 0.392 before, 0.337 with the
corrections and the word rule, 0.419 after the word-for-word pairs (its failures had been looked
at by then).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.schema import Entry
from knowledge.textnorm import normalize
from service.interview.grading.code import is_code
from service.interview.grading.contradiction import Contradiction, has_negation
from service.interview.grading.contrast import ASIDE
from service.interview.grading.evidence import PassageCache
from service.interview.grading.segment import clauses

MATCH_AT = 0.87  # cosine (query vs passage) at which a clause states the misconception
REFERENCE_MARGIN = 0.01  # … and beats every reference statement by this much
# A misconception that shares all its words with the reference (a swapped pair: "bias rises and
# variance falls") is told from the truth by the embedding alone, which barely sees word order:
# it must beat the reference by this much more.
UNANCHORED_MARGIN = 0.02
PAIR_MARGIN = 0.0  # … and at least as close as to its own correction
VERBATIM_AT = 0.85  # a clause this close that says the pair's wrong side word for word
_WORD = re.compile(r"[a-z][a-z0-9_\-]{2,}|\d+(?:\.\d+)?")
_COMMON = frozenset("the and for are that this with from into than then when which while only also "
                    "more less its their them they not can use uses used each all any one two".split())


def _tokens(text: str) -> set[str]:
    """Words (ASCII) and character pairs (CJK) of normalized ``text``."""
    norm = normalize(text)
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", norm)
    pairs = {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]}
    return {w for w in _WORD.findall(norm) if w not in _COMMON} | pairs


_SEQ = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")


def _sequence(text: str) -> tuple[str, ...]:
    """Words (ASCII) and characters (CJK) of normalized ``text``, in order."""
    return tuple(_SEQ.findall(normalize(text)))


def _pair_keys(wrong: str, right: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Where a minimal pair parts: each side from the shared start up to and including its first
    own word ("bagging mainly reduces bias" / "… variance"), or, when they part at the start,
    from its last own word to the shared end. ``None`` without a correction or a shared part."""
    if not right:
        return None
    a, b = _sequence(wrong), _sequence(right)
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if start is None:
        return None
    if start > 0:
        return a[:start + 1], b[:start + 1]
    end = next((i for i, (x, y) in enumerate(zip(a[::-1], b[::-1], strict=False)) if x != y), 0)
    return (a[len(a) - end - 1:], b[len(b) - end - 1:]) if end > 0 else None


def _contains(seq: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(seq[i:i + n] == part for i in range(len(seq) - n + 1))


@dataclass(frozen=True)
class _Statement:
    text: str  # one language's wording (the comment names it)
    misconception: int
    negated: bool
    anchors: frozenset[str]  # its words the reference never uses
    keys: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # see _pair_keys

    def verbatim(self, seq: tuple[str, ...]) -> bool | None:
        """``True`` when the clause says this statement's side of the pair word for word and
        not the correction's, ``False`` for the other way round, ``None`` when it says neither
        (or both) — then only the embeddings can tell."""
        if self.keys is None:
            return None
        wrong, right = (_contains(seq, k) for k in self.keys)
        return None if wrong == right else wrong


class Misconceptions:
    """One entry's misconceptions and reference statements, embedded once."""

    def __init__(self, entry: Entry, passages: PassageCache) -> None:
        self._entry = entry
        reference = [c for text in (entry.answer_zh, entry.answer_en) for c in clauses(text)]
        reference += [t for kp in entry.key_points for t in (kp.zh, kp.en)]
        said = _tokens(" ".join([*reference, entry.question_zh, entry.question_en]))
        self._statements = [_Statement(text, i, has_negation(text), frozenset(_tokens(text) - said),
                                       _pair_keys(text, fix))
                            for i, m in enumerate(entry.misconceptions)
                            for text, fix in ((m.zh, m.correct_zh), (m.en, m.correct_en))]
        if not self._statements:
            self._vectors = self._reference = np.zeros((0, 1), dtype=np.float32)
            return
        self._vectors = passages([s.text for s in self._statements])
        self._reference = passages(list(dict.fromkeys(reference)))
        fixes = [(i, text) for i, m in enumerate(entry.misconceptions)
                 for text in (m.correct_zh, m.correct_en) if text]
        self._fix_owner = np.array([i for i, _ in fixes], dtype=int)
        self._fix_vectors = passages([t for _, t in fixes]) if fixes else None

    def find(self, pieces: Sequence[str], clause_vecs: np.ndarray) -> list[Contradiction]:
        """The clauses (``pieces``, with their query vectors) that assert a misconception."""
        if not self._statements or not len(pieces):
            return []
        sims = clause_vecs @ self._vectors.T
        nearest_reference = (clause_vecs @ self._reference.T).max(axis=1)
        fixes = self._fix_sims(clause_vecs)
        out = []
        for c, piece in enumerate(pieces):
            if ASIDE.search(normalize(piece)) or is_code(piece):
                continue
            said = self._asserted(piece, sims[c], float(nearest_reference[c]), fixes[c])
            if said is None:
                continue
            wrong = self._entry.misconceptions[said.misconception]
            correction = ((wrong.correct_zh, wrong.correct_en)
                          if wrong.correct_zh and wrong.correct_en else None)
            out.append(Contradiction(f"states a known misconception: {wrong.en!r}", c,
                                     wrong.point, correction))
        return out

    def _fix_sims(self, clause_vecs: np.ndarray) -> np.ndarray:
        """(clauses × misconceptions): how close each clause comes to each one's correction
        (-1 where a misconception has none)."""
        out = np.full((len(clause_vecs), len(self._entry.misconceptions)), -1.0, np.float32)
        if self._fix_vectors is not None:
            sims = clause_vecs @ self._fix_vectors.T
            for i in set(self._fix_owner.tolist()):
                out[:, i] = sims[:, self._fix_owner == i].max(axis=1)
        return out

    def _asserted(self, piece: str, sims: np.ndarray, reference: float, fixes: np.ndarray
                  ) -> _Statement | None:
        """The closest statement the clause asserts, if any: a near one it fails (its own words
        missing, the negation the other way) does not hide a farther one it meets."""
        negated, words, seq = has_negation(piece), None, _sequence(piece)
        order = np.argsort(-sims)
        for j in order:  # said word for word, on topic: the wording decides
            said = self._statements[int(j)]
            if sims[j] < VERBATIM_AT:
                break
            if said.negated == negated and said.verbatim(seq):
                return said
        for j in order:
            said = self._statements[int(j)]
            margin = REFERENCE_MARGIN + (0.0 if said.anchors else UNANCHORED_MARGIN)
            if sims[j] < MATCH_AT or sims[j] < reference + REFERENCE_MARGIN:
                return None  # sorted: no farther statement can pass
            if (said.negated != negated or said.verbatim(seq) is False
                    or sims[j] < reference + margin
                    or sims[j] < fixes[said.misconception] + PAIR_MARGIN):
                continue
            words = _tokens(piece) if words is None else words
            if not said.anchors or said.anchors & words:
                return said
        return None
