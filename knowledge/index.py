"""Hybrid retrieval over the knowledge base: dense (FAISS) + lexical (BM25), per entry.

Each entry is indexed under several texts — both questions, every alias, every key point — so a
query only has to resemble *one* way of asking. Dense scores are cosine similarities from the
embedder (inner product of L2-normalized vectors in a ``faiss.IndexFlatIP``); an entry's dense
score is its best text's similarity (key points slightly discounted, as they describe answers
rather than questions). BM25 over the whole entry adds exact-term evidence, scaled by the query's
best BM25 score so it stays in [0, 1]. ``score = dense + lexical_weight * bm25_norm``.

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
from knowledge.lexical import BM25
from knowledge.schema import Entry
from knowledge.textnorm import normalize

INDEX_FORMAT = 2
FIELD_WEIGHTS = {"question": 1.0, "alias": 1.0, "key_point": 0.95}
LEXICAL_WEIGHT = 0.08
INTENT_BOOST = 0.03
# Words that say "I want to write the code" (normalized: simplified, lower case). A query with
# one of them prefers coding entries; without, concept entries win ties with their coding twins.
CODING_INTENT = ("手写", "手撕", "手刻", "实现", "实作", "写一个", "写个", "写出", "怎么写", "代码",
                 "程式", "implement", "code", "coding", "from scratch", "write a", "write the")


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
        wants_code = any(cue in normalize(query) for cue in CODING_INTENT)
        return (self._is_coding == wants_code).astype(np.float32)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The ``k`` best entries for ``query``, best first."""
        qv = self.embedder.embed_queries([query])
        n = min(self.vectors.ntotal, 512)
        sims, idx = self.vectors.search(qv, n)
        dense = np.full(len(self.entries), -1.0, dtype=np.float32)
        valid = idx[0] >= 0
        scored = sims[0][valid] * self._row_weight[idx[0][valid]]
        np.maximum.at(dense, self._row_entry[idx[0][valid]], scored)
        lexical = np.asarray(self._bm25.scores(query), dtype=np.float32)
        if lexical.max() > 0:
            lexical /= lexical.max()
        total = dense + LEXICAL_WEIGHT * lexical + INTENT_BOOST * self._intent(query)
        order = np.argsort(-total)[:k]
        return [Hit(self.entries[i].id, float(total[i])) for i in order]
