"""The interview's coding stage draws every catalog problem by track and difficulty."""

from __future__ import annotations

import random

import pytest

from evaluators.catalog import load_catalog
from knowledge.loader import load_entries
from knowledge.schema import TRACKS
from service.interview.planning import CODING_DIFFICULTY, choose_problem

WAVE2 = """rms_norm swiglu_ffn lora_linear moe_layer dpo_loss grpo_advantages ppo_clip_loss
flash_attention speculative_accept focal_loss label_smoothing_ce kd_loss clip_loss adamw_step
dropout layer_norm_backward box_iou average_precision bpe_train patch_embed""".split()


@pytest.fixture(scope="module")
def entries():  # type: ignore[no-untyped-def]
    return load_entries()


def _reachable(entries, track: str, length: str) -> set[str]:  # type: ignore[no-untyped-def]
    available = set(load_catalog())
    return {choose_problem(entries, track, length, random.Random(seed), set(), available)
            for seed in range(400)}  # type: ignore[misc]


def test_every_wave2_problem_is_offered_on_some_track(entries) -> None:  # type: ignore[no-untyped-def]
    offered: set[str] = set()
    for track in TRACKS:
        for length in CODING_DIFFICULTY:
            offered |= _reachable(entries, track, length)
    assert set(WAVE2) <= offered, sorted(set(WAVE2) - offered)


@pytest.mark.parametrize("track", TRACKS)
def test_short_interviews_offer_no_hard_problem(entries, track: str) -> None:  # type: ignore[no-untyped-def]
    difficulty = {e.problem_id: e.difficulty for e in entries if e.kind == "coding"}
    picked = _reachable(entries, track, "short")
    assert picked and all(difficulty[pid] in CODING_DIFFICULTY["short"] for pid in picked)


def test_llm_track_offers_the_llm_problems(entries) -> None:  # type: ignore[no-untyped-def]
    picked = _reachable(entries, "llm-algorithm", "full") | _reachable(entries, "llm-algorithm",
                                                                      "short")
    assert {"flash_attention", "dpo_loss", "lora_linear", "rms_norm", "bpe_train"} <= picked
