"""Grading quality and latency per judge on the labelled answers.

    PYTHONPATH=. python benchmarks/grading.py [--splits blind4,fresh3] [--judges rubric,llm,blend]
        [--llm-url http://127.0.0.1:8490/v1 --llm-model qwen2.5-coder-0.5b] [--runs 3]

Uses the service's settings (``KAODA_HOME``…) for the model and the saved knowledge index.

Grades the answers of ``tests/service/grading_dev_set.yaml`` (all splits, or ``--splits``) and
prints, per judge:

* Spearman's rho between score and label (wrong=0 < vague=1 < partial=2 < good=3), overall and
  per split; the file header says which splits were seen while tuning (all but the first
  evaluation of each) — ``blind4`` is the issue-11 blind split;
* the mean score per label against the targets (good ≥ 85, partial 35–70, vague and wrong ≤ 20);
* the non-answers (label ``none``): how many score exactly 0 with nothing ticked;
* wrong answers caught: scored ≤ 20, and of those, how many name a wrong statement that overlaps
  one the labeller listed (``wrong_statements``);
* latency of one grade (p50/p95; for the rubric over ``--runs`` passes after a warm-up pass, so
  entry rubrics and reference statements are cached as in the service).

Judges: ``rubric`` (the deterministic grader), ``llm`` (the LLM's checked hits alone:
``llm_weight=1``) and ``blend`` (what the service runs when the LLM judge is on: 50/50 with the
rubric). ``llm``/``blend`` need an OpenAI-compatible endpoint (``kaoda llm serve``); the local
0.5B takes several seconds per answer, so pass a few splits.

The reference checks (``--reference-checks``: a clause that denies a key point, states its
opposite, or gives one subject's property to another) are off by default since 2026-12-05. On the
six blind files (420 answers) they fired on 22 of 84 good and 15 of 84 partial answers against
35 of 84 wrong ones (curated misconceptions included), and switching them off raised Spearman
from 0.340 to 0.452 (blind7: -0.027 to 0.317; b5 0.174 to 0.259) and the good answers' mean from
70 to 86, for 9 fewer wrong answers under 20 (39 to 30 of 84). On the labelled set they were
developed on they still help (wrong answers 27 with them off against under 20 with them on).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.components import open_knowledge_base
from service.config import Settings
from service.interview.brains.judge import LLMJudge, RubricJudge, Verdict, combine
from service.interview.brains.registry import make_client
from service.interview.grading import AnswerGrade, RubricGrader
from service.interview.grading.signals import is_injection

DATASET = Path(__file__).resolve().parents[1] / "tests" / "service" / "grading_dev_set.yaml"
BLIND = [DATASET.with_name(f"grading_blind_{group}.yaml")
         for group in ("llm", "cv", "ml", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12",
                       "b13")]
LABELS = {"wrong": 0, "vague": 1, "partial": 2, "good": 3}
CAUGHT_AT = 20


@dataclass
class Graded:
    split: str
    item: dict
    grade: AnswerGrade
    ms: float


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _overlaps(said: str, labelled: str) -> bool:
    """The grader's quote and the labeller's span share a stretch of text."""
    a, b = "".join(said.split()).lower(), "".join(labelled.split()).lower()
    return a in b or b in a or any(b[i:i + 8] in a for i in range(0, max(1, len(b) - 7), 4))


def _labelled_wrong(item: dict) -> list[str]:
    """The labeller's wrong statements (``wrong_statements`` list or one ``wrong_statement``)."""
    single = item.get("wrong_statement")
    return list(item.get("wrong_statements") or []) + ([single] if single else [])


def report(name: str, rows: list[Graded], blind: bool = False) -> None:
    """Aggregates only when ``blind``: no answer text is printed for held-out files."""
    labelled = [r for r in rows if r.item["label"] in LABELS]
    rho = spearmanr([r.grade.score for r in labelled],
                    [LABELS[r.item["label"]] for r in labelled])[0]
    print(f"\n== judge: {name} ==\nSpearman all ({len(labelled)}): {rho:.3f}")
    for split in dict.fromkeys(r.split for r in labelled):
        mine = [r for r in labelled if r.split == split]
        rho = spearmanr([r.grade.score for r in mine], [LABELS[r.item["label"]] for r in mine])[0]
        print(f"  Spearman {split} ({len(mine)}): {rho:.3f}")
    for label in LABELS:
        scores = [r.grade.score for r in labelled if r.item["label"] == label]
        if scores:
            print(f"  mean score {label:<8} {statistics.fmean(scores):5.1f}  "
                  f"(n={len(scores)}, min {min(scores)}, max {max(scores)})")
    nones = [r for r in rows if r.item["label"] == "none"]
    if nones:
        zero = sum(r.grade.score == 0 and not r.grade.hit for r in nones)
        worst = max(nones, key=lambda r: (r.grade.score, len(r.grade.hit)))
        shown = "" if blind else f" (worst: {worst.item['answer']!r:.40} -> "
        print(f"  non-answers at 0 with nothing ticked: {zero}/{len(nones)}" + (shown and
              f"{shown}{worst.grade.score}, hit {worst.grade.hit})"))
    wrong = [r for r in labelled if r.item["label"] == "wrong"]
    caught = [r for r in wrong if r.grade.score <= CAUGHT_AT]
    named = [r for r in caught if any(_overlaps(w.quote, s) for w in r.grade.wrong_statements
                                      for s in _labelled_wrong(r.item))]
    listed = sum(bool(_labelled_wrong(r.item)) for r in caught)
    print(f"  wrong answers scored <= {CAUGHT_AT}: {len(caught)}/{len(wrong)}; of those with "
          f"labelled wrong statements, one named in the comment: {len(named)}/{listed}")
    ms = [r.ms for r in rows if r.ms > 0]
    if ms:
        print(f"  latency: p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms "
              f"(n={len(ms)})")


def grade_all(items: list[tuple[str, dict]], grade: Callable[[dict], AnswerGrade]
              ) -> list[Graded]:
    out = []
    for split, item in items:
        t0 = time.perf_counter()
        result = grade(item)
        out.append(Graded(split, item, result, (time.perf_counter() - t0) * 1000))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="", help="comma-separated (default: all)")
    parser.add_argument("--judges", default="rubric", help="rubric,llm,blend")
    parser.add_argument("--llm-url", default="http://127.0.0.1:8490/v1")
    parser.add_argument("--llm-model", default="qwen2.5-coder-0.5b")
    parser.add_argument("--runs", type=int, default=3, help="timed rubric passes")
    parser.add_argument("--blind", action="store_true",
                        help="the held-out grading_blind_*.yaml files (llm … b13) instead "
                             "(aggregates only; evaluate them rarely)")
    parser.add_argument("--reference-checks", action="store_true",
                        help="also run the reference checks (denied / reversed key points, "
                             "swapped subjects; KAODA_KB__REFERENCE_CHECKS), off by default")
    args = parser.parse_args()
    splits: dict[str, list[dict]] = {}
    for path in BLIND if args.blind else [DATASET]:
        splits.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    wanted = [s for s in args.splits.split(",") if s] or list(splits)
    items = [(split, item) for split in wanted for item in splits[split]]
    started = time.perf_counter()
    settings = Settings()  # KAODA_* env: the model, the saved index and the grader's store
    kb = open_knowledge_base(settings)
    grader = RubricGrader.from_index(kb.index, args.reference_checks)
    grader.warm_up(settings.grader_passages_path)
    entries = {e.id: e for e in kb.entries}
    print(f"model, index and grader ready in {time.perf_counter() - started:.1f} s; "
          f"{len(items)} answers from {', '.join(wanted)}")

    def rubric(item: dict) -> AnswerGrade:
        return grader.grade(entries[item["entry_id"]], item["answer"], item["language"])

    judges = args.judges.split(",")
    rubric_rows = grade_all(items, rubric)  # warm-up pass, also the quality numbers
    timed = [r.ms for _ in range(args.runs) for r in grade_all(items, rubric)]
    for row, ms in zip(rubric_rows, timed, strict=False):
        row.ms = ms
    if "rubric" in judges:
        report("rubric", rubric_rows, args.blind)
    if "llm" in judges or "blend" in judges:
        llm_judges(args, entries, rubric_rows, judges)


class _NoRubric:
    """The benchmark combines verdicts with rubric grades it already has."""

    def grade(self, entry: object, answer: str, language: str) -> AnswerGrade:
        raise NotImplementedError


def llm_judges(args: argparse.Namespace, entries: dict, rubric_rows: list[Graded],
               judges: list[str]) -> None:
    """One verdict per answer, combined both ways (the LLM alone and the 50/50 blend)."""
    judge = LLMJudge(make_client(args.llm_url, None, 120.0), args.llm_model,
                     RubricJudge(_NoRubric()), compact=True)
    alone: list[Graded] = []
    blend: list[Graded] = []
    fallbacks = 0
    for row in rubric_rows:
        entry, item, base = entries[row.item["entry_id"]], row.item, row.grade
        t0 = time.perf_counter()
        verdict: Verdict | None = None
        if base.non_answer is None and not base.off_topic:
            verdict = judge._verdict(entry, item["answer"], item["language"])
            fallbacks += verdict is None
        ms = (time.perf_counter() - t0) * 1000 + row.ms
        injection = base.injection or is_injection(item["answer"])
        for weight, out in ((1.0, alone), (0.5, blend)):
            grade = base if verdict is None else combine(
                entry, item["answer"], base, verdict, injection=injection, llm_weight=weight)
            out.append(Graded(row.split, item, grade, ms))
    print(f"\nLLM {args.llm_model}: {fallbacks} fallbacks to the rubric")
    if "llm" in judges:
        report(f"llm ({args.llm_model}, checked hits only)", alone, args.blind)
    if "blend" in judges:
        report(f"blend ({args.llm_model} 50/50 with rubric)", blend, args.blind)


if __name__ == "__main__":
    main()
