"""Rubric grader quality and latency on the labelled dev set.

    PYTHONPATH=. python benchmarks/grading.py [--runs 3] [--threads N]

Uses the service's settings (``KAODA_HOME``…) for the model and the saved knowledge index.

Grades every answer of ``tests/service/grading_dev_set.yaml`` with the real embedding model and
prints Spearman's rho between score and label (wrong=0 < vague=1 < partial=2 < good=3) on the
full set and on each split (all splits have been seen while tuning; the file header records each
split's first, blind evaluation), the mean score per label, and the latency of one ``grade`` call
(p50 / p95 over ``--runs`` passes after a warm-up pass, so entry rubrics and reference statements
are cached as they are in the service). Target: p50 about 50 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.components import open_knowledge_base
from service.config import Settings
from service.interview.grading import RubricGrader

DATASET = Path(__file__).resolve().parents[1] / "tests" / "service" / "grading_dev_set.yaml"
LABELS = {"wrong": 0, "vague": 1, "partial": 2, "good": 3}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    splits = yaml.safe_load(DATASET.read_text(encoding="utf-8"))
    items = [(split, item) for split, rows in splits.items() for item in rows]
    started = time.perf_counter()
    settings = Settings()  # KAODA_* env: the model, the saved index and the grader's store
    kb = open_knowledge_base(settings)
    grader = RubricGrader.from_index(kb.index)
    grader.warm_up(settings.grader_passages_path)
    entries = {e.id: e for e in kb.entries}
    print(f"model, index and grader ready in {time.perf_counter() - started:.1f} s")
    scores = [grader.grade(entries[i["entry_id"]], i["answer"], i["language"]).score
              for _, i in items]
    report(items, scores)
    latencies = []
    for _ in range(args.runs):
        for _, item in items:
            t0 = time.perf_counter()
            grader.grade(entries[item["entry_id"]], item["answer"], item["language"])
            latencies.append((time.perf_counter() - t0) * 1000)
    print(f"grade latency over {len(latencies)} calls: p50 {percentile(latencies, 50):.1f} ms, "
          f"p95 {percentile(latencies, 95):.1f} ms, mean {statistics.fmean(latencies):.1f} ms")


def report(items: list[tuple[str, dict]], scores: list[int]) -> None:
    labels = [LABELS[item["label"]] for _, item in items]
    print(f"Spearman full ({len(items)}): {spearmanr(scores, labels)[0]:.3f}")
    for split in dict.fromkeys(s for s, _ in items):
        idx = [i for i, (s, _) in enumerate(items) if s == split]
        rho = spearmanr([scores[i] for i in idx], [labels[i] for i in idx])[0]
        print(f"Spearman {split} ({len(idx)}): {rho:.3f}")
    for name, value in LABELS.items():
        mine = [s for s, lab in zip(scores, labels, strict=True) if lab == value]
        print(f"  mean score {name:<8} {statistics.fmean(mine):5.1f}  (n={len(mine)})")


if __name__ == "__main__":
    main()
