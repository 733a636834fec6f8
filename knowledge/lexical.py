"""A small BM25 index over normalized, segmented text (see :mod:`knowledge.textnorm`).

Dense embeddings capture paraphrase; BM25 rescues exact jargon and abbreviations a small
multilingual encoder smears (``NMS``, ``FM``, ``GQA``, ``k-means++``). Documents are whole entries
(questions, aliases, key points, tags), so scores are per entry.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from knowledge.textnorm import tokens

_JOINERS = re.compile(r"[+#.\-_'/]+")


def terms(text: str) -> list[str]:
    """:func:`~knowledge.textnorm.tokens` plus the parts of joined ASCII words: "BioBERT+CRF",
    "YOLOv8-CBAM" and "dice_loss" also count as their pieces, so a résumé's compound names
    still meet the entries that name one piece."""
    out = tokens(text)
    for word in list(out):
        if word.isascii() and _JOINERS.search(word):
            out.extend(p for p in _JOINERS.split(word) if len(p) >= 2)
    return out


class BM25:
    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.6) -> None:
        self.k1, self.b = k1, b
        self._tfs = [Counter(terms(doc)) for doc in documents]
        self._lengths = [sum(tf.values()) for tf in self._tfs]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 1.0
        df: Counter[str] = Counter()
        for tf in self._tfs:
            df.update(tf.keys())
        n = len(self._tfs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: str) -> list[float]:
        """BM25 score of every document for ``query`` (unique query terms)."""
        query_terms = [t for t in dict.fromkeys(terms(query)) if t in self._idf]
        out = [0.0] * len(self._tfs)
        for i, (tf, length) in enumerate(zip(self._tfs, self._lengths, strict=True)):
            norm = self.k1 * (1 - self.b + self.b * length / self._avg)
            total = 0.0
            for term in query_terms:
                f = tf.get(term)
                if f:
                    total += self._idf[term] * f * (self.k1 + 1) / (f + norm)
            out[i] = total
        return out
