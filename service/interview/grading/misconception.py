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
* it agrees with the misconception on negation (embeddings barely notice "不是每个 token 都…");
* it is no aside (a conditional or a comparison names the wrong version on purpose) and no code.

Everything per entry is embedded once (the statements are cached passages), so a check costs one
small matrix product per answer.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class _Statement:
    text: str  # one language's wording (the comment names it)
    misconception: int
    negated: bool


class Misconceptions:
    """One entry's misconceptions and reference statements, embedded once."""

    def __init__(self, entry: Entry, passages: PassageCache) -> None:
        self._entry = entry
        self._statements = [_Statement(text, i, has_negation(text))
                            for i, m in enumerate(entry.misconceptions) for text in (m.zh, m.en)]
        if not self._statements:
            self._vectors = self._reference = np.zeros((0, 1), dtype=np.float32)
            return
        self._vectors = passages([s.text for s in self._statements])
        reference = [c for text in (entry.answer_zh, entry.answer_en) for c in clauses(text)]
        reference += [t for kp in entry.key_points for t in (kp.zh, kp.en)]
        self._reference = passages(list(dict.fromkeys(reference)))

    def find(self, pieces: Sequence[str], clause_vecs: np.ndarray) -> list[Contradiction]:
        """The clauses (``pieces``, with their query vectors) that assert a misconception."""
        if not self._statements or not len(pieces):
            return []
        sims = clause_vecs @ self._vectors.T
        nearest_reference = (clause_vecs @ self._reference.T).max(axis=1)
        out = []
        for c, piece in enumerate(pieces):
            j = int(np.argmax(sims[c]))
            said = self._statements[j]
            if (sims[c, j] < MATCH_AT or sims[c, j] < nearest_reference[c] + REFERENCE_MARGIN
                    or has_negation(piece) != said.negated or ASIDE.search(normalize(piece))
                    or is_code(piece)):
                continue
            wrong = self._entry.misconceptions[said.misconception]
            out.append(Contradiction(f"states a known misconception: {wrong.en!r}", c,
                                     wrong.point))
        return out
