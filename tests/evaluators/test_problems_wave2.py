"""The second wave of problems (``problems-wave2.md``): alternatives, forbidden calls, coverage.

``test_problems.py`` already runs every catalog problem's reference, starter and wrong solutions.
This file adds, for the wave-2 ids:

* ``alt/<problem_id>/*.py`` — alternative *correct* solutions (vectorised vs loops, other
  formulations, float64 internals, module variants): each must pass with score 1.0;
* ``forbidden/<problem_id>/*.py`` — solutions that call the library function the problem asks
  for: each is flagged ``uses_forbidden_api`` and capped at 0.5;
* at least three wrong solutions per wave-2 problem, and a static check that each problem's
  forbidden names are caught however they are spelled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluators.catalog import load_catalog
from evaluators.grader import grade
from evaluators.result import FORBIDDEN_SCORE_CAP
from evaluators.sandbox.base import Sandbox

HERE = Path(__file__).parent
WAVE2 = """rms_norm swiglu_ffn lora_linear moe_layer dpo_loss grpo_advantages ppo_clip_loss
flash_attention speculative_accept focal_loss label_smoothing_ce kd_loss clip_loss adamw_step
dropout layer_norm_backward box_iou average_precision bpe_train patch_embed""".split()
PRESENT = [pid for pid in WAVE2 if pid in load_catalog()]


def _files(kind: str) -> list[tuple[str, Path]]:
    return [(p.parent.name, p) for p in sorted((HERE / kind).glob("*/*.py"))]


def _ids(items: list[tuple[str, Path]]) -> list[str]:
    return [f"{pid}/{p.stem}" for pid, p in items]


@pytest.mark.parametrize("problem_id", PRESENT)
def test_wave2_problem_has_three_wrong_and_an_alternative(problem_id: str) -> None:
    assert len(list((HERE / "wrong" / problem_id).glob("*.py"))) >= 3
    assert list((HERE / "alt" / problem_id).glob("*.py"))


@pytest.mark.parametrize(("problem_id", "path"), _files("alt"), ids=_ids(_files("alt")))
def test_alternative_correct_solution_accepted(problem_id: str, path: Path,
                                               sandbox: Sandbox) -> None:
    result = grade(load_catalog()[problem_id], path.read_text(encoding="utf-8"), sandbox)
    failures = [(t.name, t.message) for t in result.tests if not t.passed]
    assert result.status == "passed" and result.score == 1.0, (result.status, result.error,
                                                               failures, result.stderr[-1500:])


@pytest.mark.parametrize(("problem_id", "path"), _files("forbidden"),
                         ids=_ids(_files("forbidden")))
def test_forbidden_call_is_flagged_and_capped(problem_id: str, path: Path,
                                              sandbox: Sandbox) -> None:
    result = grade(load_catalog()[problem_id], path.read_text(encoding="utf-8"), sandbox)
    assert result.uses_forbidden_api and result.forbidden_calls, result.status
    assert result.score <= FORBIDDEN_SCORE_CAP
    assert "forbidden" in (result.error or "")
