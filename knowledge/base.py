"""The knowledge base as the rest of the product sees it.

:class:`KnowledgeBase` loads and validates the entries, loads the saved index or rebuilds it when
the data or the model changed, and answers ``get(id)`` and ``search(query, k)``. It is built once
per process (the service's lifespan, the CLI) because loading the embedder is the slow part.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from knowledge.embedder import Embedder
from knowledge.errors import QueryError, UnknownEntryError
from knowledge.index import Hit, KnowledgeIndex
from knowledge.loader import DATA_DIR, data_fingerprint, load_entries
from knowledge.schema import Entry

MAX_QUERY_CHARS = 500
MAX_K = 50
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchResult:
    id: str
    score: float
    question_zh: str
    question_en: str
    kind: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "score": round(self.score, 4), "question_zh": self.question_zh,
                "question_en": self.question_en, "kind": self.kind}


def validate_query(query: str, k: int) -> str:
    text = query.strip()
    if not text:
        raise QueryError("query is empty; type a question or keywords")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters; the limit is {MAX_QUERY_CHARS}")
    if not 1 <= k <= MAX_K:
        raise QueryError(f"k must be between 1 and {MAX_K}")
    return text


class KnowledgeBase:
    def __init__(self, entries: list[Entry], index: KnowledgeIndex, rebuilt: bool) -> None:
        self.entries = entries
        self.index = index
        self.rebuilt = rebuilt
        self._by_id = {e.id: e for e in entries}

    @classmethod
    def open(cls, embedder: Embedder, index_dir: Path, data_dir: Path = DATA_DIR,
             force_rebuild: bool = False) -> KnowledgeBase:
        """Load the entries and the saved index, rebuilding (and saving) it when stale."""
        entries = load_entries(data_dir)
        fingerprint = data_fingerprint(data_dir)
        index = None if force_rebuild else KnowledgeIndex.load(
            index_dir, entries, embedder, fingerprint)
        rebuilt = index is None
        if index is None:
            log.info("building the knowledge index (%d entries)", len(entries))
            index = KnowledgeIndex.build(entries, embedder, fingerprint)
            index.save(index_dir)
        return cls(entries, index, rebuilt)

    @property
    def model_id(self) -> str:
        return str(self.index.meta["model_id"])

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry:
        try:
            return self._by_id[entry_id]
        except KeyError:
            raise UnknownEntryError(entry_id) from None

    def search(self, query: str, k: int = 5) -> list[SearchResult]:
        return self.search_many([query], k)[0]

    def search_many(self, queries: list[str], k: int = 5) -> list[list[SearchResult]]:
        """:meth:`search` for many queries at once (one embedding batch); same results."""
        texts = [validate_query(query, k) for query in queries]
        if not texts:
            return []
        return [[self._result(hit) for hit in hits] for hits in self.index.search_many(texts, k)]

    def _result(self, hit: Hit) -> SearchResult:
        e = self._by_id[hit.id]
        return SearchResult(e.id, hit.score, e.question_zh, e.question_en, e.kind)
