"""Classifying candidate questions by meaning, with the product's sentence-embedding model.

Cue patterns only know the phrasings someone wrote down; "實習生後續能留下來嗎" or "Would I be working
closely with researchers?" slip past them. :class:`SemanticMatcher` embeds the example questions
of ``prototypes`` once (about 80 short texts) and answers ``closest(text)``: the category whose two
nearest examples are, on average, most similar to the question, if that similarity clears
``min_similarity`` and beats the runner-up category by ``min_margin``; else None (the classifier
then falls back to its cues, or to "unclear").

The embedder is any ``knowledge.embedder.Embedder`` (the service passes the one its knowledge base
already loaded; nothing is downloaded). One question costs one short forward pass (~10 ms).
"""

from __future__ import annotations

import threading

import numpy as np

from knowledge.embedder import Embedder
from service.interview.candidate_questions.models import Category
from service.interview.candidate_questions.prototypes import PROTOTYPES

# Calibrated on the dev phrasings of tests/service/test_candidate_questions.py (multilingual-e5-
# small, whose cosine similarities sit between ~0.75 and 1.0); see benchmarks/journey.py.
MIN_SIMILARITY = 0.86
MIN_MARGIN = 0.005
_TOP = 2


class SemanticMatcher:
    def __init__(self, embedder: Embedder, *, min_similarity: float = MIN_SIMILARITY,
                 min_margin: float = MIN_MARGIN) -> None:
        self._embedder = embedder
        self.min_similarity = min_similarity
        self.min_margin = min_margin
        self._lock = threading.Lock()
        self._matrix: np.ndarray | None = None
        self._labels: list[Category] = []

    def _prototypes(self) -> tuple[np.ndarray, list[Category]]:
        with self._lock:
            if self._matrix is None:
                labels = [c for c, texts in PROTOTYPES.items() for _ in texts]
                texts = [t for ts in PROTOTYPES.values() for t in ts]
                self._matrix = _unit(self._embedder.embed_queries(texts))
                self._labels = labels
            return self._matrix, self._labels

    def scores(self, text: str) -> dict[Category, float]:
        """Per category, the mean similarity of its two nearest examples to ``text``."""
        matrix, labels = self._prototypes()
        sims = matrix @ _unit(self._embedder.embed_queries([text]))[0]
        by_category: dict[Category, list[float]] = {}
        for label, sim in zip(labels, sims.tolist(), strict=True):
            by_category.setdefault(label, []).append(sim)
        return {c: float(np.mean(sorted(v, reverse=True)[:_TOP])) for c, v in by_category.items()}

    def closest(self, text: str) -> tuple[Category, float] | None:
        ranked = sorted(self.scores(text).items(), key=lambda item: -item[1])
        (best, score), runner_up = ranked[0], ranked[1][1] if len(ranked) > 1 else 0.0
        if score < self.min_similarity or score - runner_up < self.min_margin:
            return None
        return best, score


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
