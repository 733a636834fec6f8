"""The candidate's-journey modules of issue 13: 反问 classification, coding talk, report rendering.

    PYTHONPATH=. python benchmarks/journey.py [--runs 3]

* 反问 (``benchmarks/data/candidate_questions_blind.yaml``, written after the classifier): share
  classified correctly with cue patterns alone and with the semantic matcher (the product's e5
  model from ``KAODA_HOME``), share answered under a *wrong* topic (the harmful error; "unclear"
  is asked back), and the matcher's latency per question. First evaluation: cues 28% correct;
  with the matcher 77% on the first 47 and 72% on all 53, 7.5% wrong topic.
* Coding talk (``benchmarks/data/coding_talk_blind.yaml``): kind and suggested move accuracy.
  First evaluation: kind 14/16, move 5/6.
* Report: build, Markdown and PDF time for the recorded 中文 interview and for a four-times-longer
  transcript, the first-chart cost (matplotlib import), and PDF size. Numbers on a shared CPU are
  noisy; compare runs on an idle machine.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluators.catalog import load_catalog  # noqa: E402
from knowledge.embedder import open_embedder  # noqa: E402
from knowledge.loader import load_entries  # noqa: E402
from service.components import model_spec  # noqa: E402
from service.config import Settings  # noqa: E402
from service.interview.candidate_questions import SemanticMatcher, classify_question  # noqa: E402
from service.interview.coding_talk import assess_coding_message, problem_from_entry  # noqa: E402
from service.report_doc import (  # noqa: E402
    KnowledgeCatalog,
    build_document,
    render_markdown,
    render_pdf,
)

DATA = ROOT / "benchmarks" / "data"
ENTRIES = {e.id: e for e in load_entries()}


def _questions() -> None:
    rows = yaml.safe_load((DATA / "candidate_questions_blind.yaml").read_text(encoding="utf-8"))
    cases = [(c.removeprefix("fresh_"), q) for c, qs in rows.items() for q in qs]
    matcher = SemanticMatcher(open_embedder(model_spec(Settings())))
    matcher.closest("warm up")
    for name, use in (("cues only", None), ("cues + matcher", matcher)):
        start = time.perf_counter()
        found = [classify_question(q, use).category for _, q in cases]
        per = (time.perf_counter() - start) / len(cases) * 1000
        right = sum(f == c for f, (c, _) in zip(found, cases, strict=True))
        wrong = sum(f not in (c, "unclear") for f, (c, _) in zip(found, cases, strict=True))
        print(f"反问 {name:15s} correct {right}/{len(cases)} = {right / len(cases):.1%}  "
              f"wrong topic {wrong / len(cases):.1%}  {per:.1f} ms/question")


def _coding_talk() -> None:
    rows = yaml.safe_load((DATA / "coding_talk_blind.yaml").read_text(encoding="utf-8"))
    kinds = moves = with_move = 0
    for row in rows:
        problem = problem_from_entry(row["problem"], row["problem"], ENTRIES.get(row["problem"]))
        talk = assess_coding_message(row["text"], problem, row["phase"])
        kinds += talk.kind == row["kind"]
        if "move" in row:
            with_move += 1
            moves += talk.suggested == row["move"]
    print(f"coding talk kind {kinds}/{len(rows)}  move {moves}/{with_move}")


class _Entries:
    def __contains__(self, entry_id: str) -> bool:
        return entry_id in ENTRIES

    def get(self, entry_id: str) -> Any:
        return ENTRIES[entry_id]


def _timed(fn: Any, runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def _report(runs: int) -> None:
    catalog = KnowledgeCatalog(_Entries(), {p: (v.title_zh, v.title_en)
                                           for p, v in load_catalog().items()})
    data = json.loads((ROOT / "tests/service/fixtures/report/interview_zh.json").read_text("utf-8"))
    from service.report_doc import charts
    from service.report_doc.model import Score

    start = time.perf_counter()
    charts.bar_chart([Score(label="x", value=50)], "warm")
    print(f"report first chart (matplotlib import + font) {time.perf_counter() - start:.2f} s")
    long_turns = copy.deepcopy(data["turns"]) * 4
    for name, turns in (("recorded", data["turns"]), ("4x transcript", long_turns)):
        build, doc = _timed(lambda t=turns: build_document(data["report"], data["meta"], t,
                                                           catalog), runs)
        markdown, _ = _timed(lambda d=doc: render_markdown(d), runs)
        pdf_s, pdf = _timed(lambda d=doc: render_pdf(d), runs)
        print(f"report {name:14s} build {build * 1000:.1f} ms  markdown {markdown * 1000:.1f} ms  "
              f"pdf {pdf_s:.2f} s  ({len(pdf) // 1024} KB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _questions()
    _coding_talk()
    _report(args.runs)


if __name__ == "__main__":
    main()
