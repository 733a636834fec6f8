"""Measuring retrieval: recall@1, recall@5 and MRR on labelled queries, and twin accuracy.

A labelled query file is a YAML list of ``{query, id}``: the one entry that should answer the
query. Twin files list a coding entry, its concept twin and queries that ask for each (see
``tests/knowledge/twin_queries.yaml``): a twin query is right when its entry ranks first. The
tests assert floors on these numbers and ``benchmarks/retrieval.py`` prints them per file; both
go through here so they measure the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class RetrievalScores:
    n: int
    recall_at_1: float
    recall_at_5: float
    mrr: float
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)  # not first


def load_queries(path: Path) -> list[dict[str, str]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(items, list) or not all(
            isinstance(i, dict) and {"query", "id"} <= set(i) for i in items):
        raise ValueError(f"{path}: expected a list of {{query, id}} items")
    return [{"query": str(i["query"]), "id": str(i["id"])} for i in items]


def evaluate(kb: KnowledgeBase, items: list[dict[str, str]], k: int = 10) -> RetrievalScores:
    ranked = kb.search_many([i["query"] for i in items], k)
    r1 = r5 = mrr = 0.0
    misses = []
    for item, results in zip(items, ranked, strict=True):
        ids = [r.id for r in results]
        if item["id"] in ids:
            rank = ids.index(item["id"]) + 1
            r1 += rank == 1
            r5 += rank <= 5
            mrr += 1 / rank
        if ids[:1] != [item["id"]]:
            misses.append((item["query"], item["id"], ids[:3]))
    n = max(len(items), 1)
    return RetrievalScores(len(items), r1 / n, r5 / n, mrr / n, misses)


def twin_items(twins: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each twin query as a labelled query: "code" queries → the coding entry, "explain" → the
    concept."""
    items = []
    for pair in twins:
        items += [{"query": q, "id": pair["coding"]} for q in pair["code"]]
        items += [{"query": q, "id": pair["concept"]} for q in pair["explain"]]
    return items
