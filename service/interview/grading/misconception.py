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

The closest misconception a clause fails does not hide a farther one it meets. Everything per
entry is embedded once (the statements are cached passages), so a check costs one small matrix
product per answer.

Measured (2026-12-06) when the bank went from 159 to 784 misconceptions, every one with its
correction: the labelled dev set's Spearman 0.724 → 0.749 with the corrections and the word rule
(0.702 with the new misconceptions alone; confidently wrong answers' mean 25.6 → 19.4); the nine blind answer files 0.396 → 0.437 (complete
answers' mean 86.6 → 88.5, confidently wrong 55.3 → 53.3, wrong ones scored ≤ 20: 38 → 42 of
144); but the tenth, written after the misconceptions and never tuned on, 0.392 → 0.337 (two
lucky catches by an unrelated old misconception lost, one complete answer flagged).
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
_WORD = re.compile(r"[a-z][a-z0-9_\-]{2,}|\d+(?:\.\d+)?")
_COMMON = frozenset("the and for are that this with from into than then when which while only also "
                    "more less its their them they not can use uses used each all any one two".split())


def _tokens(text: str) -> set[str]:
    """Words (ASCII) and character pairs (CJK) of normalized ``text``."""
    norm = normalize(text)
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", norm)
    pairs = {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]}
    return {w for w in _WORD.findall(norm) if w not in _COMMON} | pairs


@dataclass(frozen=True)
class _Statement:
    text: str  # one language's wording (the comment names it)
    misconception: int
    negated: bool
    anchors: frozenset[str]  # its words the reference never uses


class Misconceptions:
    """One entry's misconceptions and reference statements, embedded once."""

    def __init__(self, entry: Entry, passages: PassageCache) -> None:
        self._entry = entry
        reference = [c for text in (entry.answer_zh, entry.answer_en) for c in clauses(text)]
        reference += [t for kp in entry.key_points for t in (kp.zh, kp.en)]
        said = _tokens(" ".join([*reference, entry.question_zh, entry.question_en]))
        self._statements = [_Statement(text, i, has_negation(text), frozenset(_tokens(text) - said))
                            for i, m in enumerate(entry.misconceptions) for text in (m.zh, m.en)]
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
        negated, words = has_negation(piece), None
        for j in np.argsort(-sims):
            said = self._statements[int(j)]
            margin = REFERENCE_MARGIN + (0.0 if said.anchors else UNANCHORED_MARGIN)
            if sims[j] < MATCH_AT or sims[j] < reference + REFERENCE_MARGIN:
                return None  # sorted: no farther statement can pass
            if (said.negated != negated or sims[j] < reference + margin
                    or sims[j] < fixes[said.misconception] + PAIR_MARGIN):
                continue
            words = _tokens(piece) if words is None else words
            if not said.anchors or said.anchors & words:
                return said
        return None
