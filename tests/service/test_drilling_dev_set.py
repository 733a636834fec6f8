"""The labelled drilling sets, replayed through the real engine (patterns only, no model).

Proof for issue 10: at least 250 answers over at least eight résumés from different fields, in
Chinese and English, each labelled press / let go with the slots it fills. The held-out résumés
(``drilling_holdout_set.yaml``) were never tuned on; the ``fresh`` split was written in words the
patterns were not written for, and the ``blind`` split last; both were tuned on after their first,
blind evaluation (recorded in ``benchmarks/drilling.py``).

The independent split (half of a set written by someone who never saw the engine) and the
failure-class splits (``classes``, written before the round-2 change; ``recheck``, after it) are
held to bars below their tuned scores: they were tuned on, and the other half of the
independent set is held out to measure the engine honestly.
"""

from __future__ import annotations

from collections import Counter

import pytest
from drilling_fakes import FakeJudge, FakeKB
from drilling_sets import (
    CLASSES,
    INDEPENDENT,
    SPLITS,
    Outcome,
    items,
    names_candidate_words,
    replay,
    resumes,
    scores,
)

from service.interview.brains.offline import render
from service.interview.engine import InterviewEngine

BARS = {"dev": 0.97, "holdout": 0.95, "fresh": 0.95, "blind": 0.95}
# decisions, share of conflicts confronted, false alarms allowed, slot precision and recall
OTHER_BARS = {"indep": (0.95, 0.9, 0, 0.85, 0.85), "classes": (0.93, 0.9, 0, 0.88, 0.9),
              "recheck": (0.92, 0.9, 0, 0.85, 0.88),
              # the second independent set: measured blind once, then tuned on (see its header)
              "indep2": (0.85, 0.4, 1, 0.87, 0.78),
              # the third: measured blind once after the indep2 tuning, not tuned on (floors only)
              "indep3": (0.85, 0.25, 0, 0.86, 0.79),
              # the fourth: blind first run 0.839 / 5 of 15 / 4 false alarms; then model variants,
              # parameter counts, MOS-scale metrics and token counts (see its header); then one
              # class, a far range, a per-second rate, a share, "NDCG at 10" and ".581" (2026-12-06)
              "indep4": (0.88, 0.45, 0, 0.88, 0.80),
              # the fifth: blind first run 0.824 / 4 of 15 / 4 false alarms; then false-alarm fixes
              # only (see its header). Contradictions on unseen résumés stay the weakest part.
              "indep5": (0.86, 0.25, 0, 0.89, 0.77),
              # the sixth: blind first run 0.803 / 4 of 16 / 4 false alarms; then "+0.61pt", a
              # number the résumé line itself gives, benchmark scores and chains, a model swapped
              # in, chips that are not models, one group of users, counts of named things (see
              # its header)
              "indep6": (0.81, 0.5, 0, 0.92, 0.72),
              # the seventh: blind first run 0.860 / 7 of 16 / 5 false alarms; then a metric the
              # résumé names by its change, a stay against the résumé's dates, splits listed
              # together, "N 个" counts, team claims from earlier answers, a swapped backbone and
              # slot forms it exposed (see its header)
              "indep7": (0.91, 0.8, 0, 0.92, 0.77),
              # the eighth: blind first run (after the indep7 work) 0.864 / 5 of 16 / 2 false
              # alarms; then people in a dataset are no team, "me and one other student", "X 是
              # 同门写的" in an earlier answer, successes out of trials, a batch size or LoRA rank
              # said twice (see its header)
              "indep8": (0.86, 0.55, 1, 0.92, 0.76),
              # the ninth: blind first run (after the indep8 work) 0.856 / 3 of 16 / 2 false
              # alarms; then a solo project's "我们", subsets, metric names like "minFDE6", tighter
              # agreement for small numbers, one-letter model sizes, a learning rate said twice,
              # "一万二", scale and why slot forms (see its header)
              "indep9": (0.87, 0.45, 0, 0.88, 0.80),
              # the tenth: blind first run (after the indep9 work) 0.851 / 5 of 16 / 10 false
              # alarms; then serving hardware, values an answer restates among others, "降至",
              # sizes of a side, ablations, a model's depth, a deployment device and slot forms
              # (see its header)
              "indep10": (0.98, 0.85, 0, 0.88, 0.84),
              # the eleventh: blind first run (after the indep10 work) 0.865 / 6 of 16 / 5 false
              # alarms; then a human evaluation's sample, "vs. the same model without …", a
              # total of parts, ablations pinned by what was removed, 7 % for small numbers,
              # "me and one partner" (see its header)
              "indep11": (0.87, 0.5, 1, 0.93, 0.79)}


@pytest.fixture(scope="module")
def engine() -> InterviewEngine:
    return InterviewEngine(FakeKB(), FakeJudge(), {})  # type: ignore[arg-type]


_OUTCOMES: dict[str, list[Outcome]] = {}


def outcomes(engine: InterviewEngine, split: str) -> list[Outcome]:
    if split not in _OUTCOMES:
        _OUTCOMES[split] = [replay(engine, item) for item in items(split)]
    return _OUTCOMES[split]


def test_the_sets_are_large_and_varied() -> None:
    every = [item for split in SPLITS for item in items(split)]
    assert len(items("dev")) + len(items("holdout")) >= 250
    fields = {resumes()[i["resume"]]["field"] for i in every}
    assert len({i["resume"] for i in every}) >= 8
    assert {"cv", "nlp", "llm", "recommendation", "speech", "classic-ml", "research"} <= fields
    languages = Counter(resumes()[i["resume"]]["language"] for i in every)
    assert languages["zh"] >= 100 and languages["en"] >= 100
    labels = Counter(i["label"] for i in every)
    assert labels["press"] >= 100 and labels["let_go"] >= 100
    assert len({i["id"] for i in every}) == len(every)
    assert all(i["point"] in ("task", "model", "training", "data", "difficulty", "novelty",
                              "metrics", "contribution") for i in every)


@pytest.mark.parametrize("split", SPLITS)
def test_press_or_let_go_decisions(engine: InterviewEngine, split: str) -> None:
    done = outcomes(engine, split)
    wrong = [(o.item["id"], o.item["label"], o.decision) for o in done if not o.right]
    accuracy = 1 - len(wrong) / len(done)
    assert accuracy >= BARS[split], wrong


@pytest.mark.parametrize("split", SPLITS)
def test_slots_filled_match_the_labels(engine: InterviewEngine, split: str) -> None:
    tp = fp = fn = 0
    for outcome in outcomes(engine, split):
        got, gold = outcome.filled, set(outcome.item["slots"])
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    assert tp / (tp + fp) >= 0.85 and tp / (tp + fn) >= 0.9, (tp, fp, fn)


@pytest.mark.parametrize("split", SPLITS)
def test_every_press_names_what_the_candidate_said(engine: InterviewEngine, split: str) -> None:
    presses = [o for o in outcomes(engine, split) if o.decision == "press"]
    silent = [o.item["id"] for o in presses
              if not names_candidate_words(render(o.directive), o.item["answer"])]
    assert len(silent) <= 0.05 * len(presses), silent


@pytest.mark.parametrize("split", SPLITS)
def test_contradictions_are_confronted_and_only_they(engine: InterviewEngine, split: str) -> None:
    for outcome in outcomes(engine, split):
        item, directive = outcome.item, outcome.directive
        assert bool(directive.contradiction) is bool(item.get("conflict")), item["id"]
        if directive.contradiction:
            claim, _, said = directive.contradiction.partition(" vs said ")
            line = render(directive)
            assert claim[:10] in line and said[:10] in line and said in " ".join(
                item["answer"].split()), item["id"]


@pytest.mark.parametrize("split", INDEPENDENT + CLASSES)
def test_independent_and_failure_class_splits(engine: InterviewEngine, split: str) -> None:
    done = outcomes(engine, split)
    got = scores(done)
    decisions, confronted, false_alarms, precision, recall = OTHER_BARS[split]
    wrong = [(o.item["id"], o.item["label"], o.decision) for o in done if not o.right]
    assert got.decisions >= decisions, wrong
    missed = [o.item["id"] for o in done if o.item.get("conflict") and not o.confronted]
    alarms = [o.item["id"] for o in done if o.confronted and not o.item.get("conflict")]
    assert got.confronted >= confronted * got.conflicts and got.false_alarms <= false_alarms, (
        missed, alarms)
    assert got.weak_pressed == got.weak
    assert got.precision >= precision and got.recall >= recall, got
    presses = [o for o in done if o.decision == "press"]
    silent = [o.item["id"] for o in presses
              if not names_candidate_words(render(o.directive), o.item["answer"])]
    assert len(silent) <= 0.05 * len(presses), silent
    for outcome in done:
        if outcome.directive.contradiction:  # the next line quotes both sides
            claim, _, said = outcome.directive.contradiction.partition(" vs said ")
            line = render(outcome.directive)
            assert claim[:10] in line and said[:10] in line, outcome.item["id"]
