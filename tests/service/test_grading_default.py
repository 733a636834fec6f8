"""The run command's grader (rubric, reference checks off) on answers nobody tuned for.

``grading_blind_b7.yaml`` and ``grading_blind_b8.yaml`` were each written by an author who saw
only the questions (20 entries drawn at random; b8 from the entries no blind file had used) and
were measured once before the grader changed (see their headers). These floors sit just under
what the default measures on them, so a change that makes the default worse on unseen answers
fails here rather than only in ``benchmarks/grading.py --blind``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from scipy.stats import spearmanr

from service.interview.grading import RubricGrader

HERE = Path(__file__).parent
RANK = {"wrong": 0, "vague": 1, "partial": 2, "good": 3}
# per file: Spearman floor, good answers flagged wrong at most, non-answers above 0 at most (and
# by how much). The non-answers still above 0 are made-up sentences around the question's own
# terms ("the pyramid goes up-down-sideways, flibber lateral"; "PEFT is when you prefix the
# adapter into the LoRA rank of the prompt") and the question's acronyms spelled out: known.
FLOORS = {"b7": (0.28, 2, 2, 25), "b8": (0.36, 2, 3, 50)}


@pytest.fixture(scope="module")
def grader(knowledge_base, settings) -> RubricGrader:
    grader = RubricGrader.from_index(knowledge_base.index)  # the default: no reference checks
    grader.warm_up(settings.grader_passages_path)
    return grader


@pytest.fixture(scope="module", params=sorted(FLOORS))
def graded(request, grader, knowledge_base) -> tuple[str, list[tuple[dict, object]]]:
    name = request.param
    entries = {e.id: e for e in knowledge_base.entries}
    path = HERE / f"grading_blind_{name}.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))[f"blind{name[1:]}"]
    return name, [(item, grader.grade(entries[item["entry_id"]], item["answer"], item["language"]))
                  for item in items]


def test_default_grader_ranks_unseen_answers(graded) -> None:
    name, rows = graded
    ranked = [(RANK[i["label"]], g.score) for i, g in rows if i["label"] in RANK]
    rho = spearmanr([r for r, _ in ranked], [s for _, s in ranked]).correlation
    means = {label: float(np.mean([g.score for i, g in rows if i["label"] == label]))
             for label in RANK}
    print(f"{name} Spearman {rho:.3f}, means", {k: round(v, 1) for k, v in means.items()})
    assert rho >= FLOORS[name][0]
    assert means["good"] >= 75 and means["good"] > means["partial"] > means["vague"]


def test_default_grader_rarely_calls_a_good_answer_wrong(graded) -> None:
    name, rows = graded
    flagged = [i["entry_id"] for i, g in rows if i["label"] == "good" and g.wrong_statements]
    assert len(flagged) <= FLOORS[name][1], flagged


def test_default_grader_scores_non_answers_zero(graded) -> None:
    name, rows = graded
    bad = [(i["answer"][:40], g.score) for i, g in rows
           if i["label"] == "none" and (g.score or g.hit)]
    _, _, most, highest = FLOORS[name]
    assert len(bad) <= most and all(score <= highest for _, score in bad), bad
