"""Hybrid retrieval over the knowledge base: dense (FAISS) + lexical (BM25), per entry.

Each entry is indexed under several texts — both questions, every alias, every key point — so a
query only has to resemble *one* way of asking. Dense scores are cosine similarities from the
embedder (inner product of L2-normalized vectors in a ``faiss.IndexFlatIP``); an entry's dense
score is its best text's similarity (key points slightly discounted, as they describe answers
rather than questions). BM25 over the whole entry adds exact-term evidence, scaled by the query's
best BM25 score so it stays in [0, 1]. Entries of the kind the query asks for — coding when it
says "write it" (手撕, implement…), concept otherwise — get a small boost that separates a coding
entry from its concept twin (:mod:`knowledge.intent`).
``score = dense + lexical_weight * bm25_norm + intent_boost * [kind wanted]``.

The index is saved with its metadata (model id, data fingerprint, format) and is rebuilt
automatically when either changes. The flat index is exact; at a few thousand texts it answers in
well under a millisecond, so approximate structures would only cost recall.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from knowledge.embedder import Embedder
from knowledge.intent import wants_code
from knowledge.lexical import BM25
from knowledge.schema import Entry

INDEX_FORMAT = 2
FIELD_WEIGHTS = {"question": 1.0, "alias": 1.0, "key_point": 0.95}
LEXICAL_WEIGHT = 0.08
# Added to entries of the kind the query asks for (coding with a "write it" cue, else concept; see
# :mod:`knowledge.intent`): it decides between a coding entry and its concept twin.
INTENT_BOOST = 0.03


@dataclass(frozen=True)
class IndexedText:
    entry_id: str
    field: str
    text: str


@dataclass(frozen=True)
class Hit:
    id: str
    score: float


def index_texts(entries: list[Entry]) -> list[IndexedText]:
    rows: list[IndexedText] = []
    for e in entries:
        rows += [IndexedText(e.id, "question", e.question_zh),
                 IndexedText(e.id, "question", e.question_en)]
        rows += [IndexedText(e.id, "alias", a) for a in e.aliases]
        for kp in e.key_points:
            rows += [IndexedText(e.id, "key_point", kp.zh), IndexedText(e.id, "key_point", kp.en)]
    return rows


def lexical_document(entry: Entry) -> str:
    parts = [entry.question_zh, entry.question_en, *entry.aliases, *entry.tags,
             entry.id.replace("-", " ").replace("_", " ")]
    parts += [f"{kp.zh} {kp.en}" for kp in entry.key_points]
    return "\n".join(parts)


class KnowledgeIndex:
    """The searchable index; build with :meth:`build`, persist with :meth:`save`/:meth:`load`."""

    def __init__(self, entries: list[Entry], rows: list[IndexedText], vectors: faiss.Index,
                 embedder: Embedder, meta: dict) -> None:
        self.entries = entries
        self.rows = rows
        self.vectors = vectors
        self.embedder = embedder
        self.meta = meta
        self._entry_pos = {e.id: i for i, e in enumerate(entries)}
        self._row_entry = np.array([self._entry_pos[r.entry_id] for r in rows])
        self._row_weight = np.array([FIELD_WEIGHTS[r.field] for r in rows], dtype=np.float32)
        self._is_coding = np.array([e.kind == "coding" for e in entries])
        self._bm25 = BM25([lexical_document(e) for e in entries])

    @classmethod
    def build(cls, entries: list[Entry], embedder: Embedder, fingerprint: str) -> KnowledgeIndex:
        started = time.perf_counter()
        rows = index_texts(entries)
        vectors = embedder.embed_passages([r.text for r in rows])
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        meta = {"format": INDEX_FORMAT, "model_id": embedder.model_id, "fingerprint": fingerprint,
                "entries": len(entries), "texts": len(rows), "dim": int(vectors.shape[1]),
                "built_at": time.time(), "build_seconds": round(time.perf_counter() - started, 3)}
        return cls(entries, rows, flat, embedder, meta)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        staging = directory / "vectors.faiss.partial"
        faiss.write_index(self.vectors, str(staging))
        staging.replace(directory / "vectors.faiss")
        rows = [[r.entry_id, r.field, r.text] for r in self.rows]
        (directory / "rows.json").write_text(json.dumps(rows, ensure_ascii=False))
        (directory / "meta.json").write_text(json.dumps(self.meta, indent=1))

    @classmethod
    def load(cls, directory: Path, entries: list[Entry], embedder: Embedder,
             fingerprint: str) -> KnowledgeIndex | None:
        """The saved index, or ``None`` if missing or stale (other data, model or format)."""
        try:
            meta = json.loads((directory / "meta.json").read_text())
            stale = (meta.get("format") != INDEX_FORMAT or meta.get("fingerprint") != fingerprint
                     or meta.get("model_id") != embedder.model_id)
            if stale:
                return None
            rows = [IndexedText(*r) for r in json.loads((directory / "rows.json").read_text())]
            vectors = faiss.read_index(str(directory / "vectors.faiss"))
        except (OSError, ValueError, RuntimeError, TypeError):
            return None
        if vectors.ntotal != len(rows):
            return None
        return cls(entries, rows, vectors, embedder, meta)

    def _intent(self, query: str) -> np.ndarray:
        """+1 for entries of the kind the query asks for (coding or concept), else 0."""
        return (self._is_coding == wants_code(query)).astype(np.float32)

    def _dense(self, sims: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """Per entry: the similarity of its best row (field-weighted), -1 if none is near."""
        valid = idx >= 0
        scored = sims[valid] * self._row_weight[idx[valid]]
        dense = np.full(len(self.entries), -1.0, dtype=np.float32)
        np.maximum.at(dense, self._row_entry[idx[valid]], scored)
        return dense

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The ``k`` best entries for ``query``, best first."""
        return self.search_many([query], k)[0]

    def search_many(self, queries: list[str], k: int = 5) -> list[list[Hit]]:
        """:meth:`search` for each query, embedding them in one batch (evaluation, bulk links)."""
        vectors = self.embedder.embed_queries(queries)
        sims, idx = self.vectors.search(vectors, min(self.vectors.ntotal, 512))
        return [self._rank(query, sims[i], idx[i], k) for i, query in enumerate(queries)]

    def _rank(self, query: str, sims: np.ndarray, idx: np.ndarray, k: int) -> list[Hit]:
        dense = self._dense(sims, idx)
        lexical = np.asarray(self._bm25.scores(query), dtype=np.float32)
        if lexical.max() > 0:
            lexical /= lexical.max()
        total = dense + LEXICAL_WEIGHT * lexical + INTENT_BOOST * self._intent(query)
        order = np.argsort(-total)[:k]
        return [Hit(self.entries[i].id, float(total[i])) for i in order]
