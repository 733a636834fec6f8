"""The knowledge-base files: valid, complete against the shared contracts, errors that help."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluators.catalog import load_catalog
from knowledge.errors import EntryValidationError
from knowledge.loader import DATA_DIR, data_fingerprint, load_entries

# Copied from the shared contract (knowledge-topics.md); other people's tests use these ids.
CONCEPT_IDS = """backpropagation vanishing-gradients attention-mechanism batchnorm-vs-layernorm
batchnorm-purpose transformer-architecture activation-functions bias-variance-tradeoff learning-rate
params-vs-hyperparameters epoch-batch-iteration cnn-params-input-size data-generators
logistic-regression cross-entropy-loss classification-metrics imbalanced-data factorization-machines
kmeans-clustering vector-search-at-scale rnn-lstm positional-encoding kv-cache mqa-gqa
decoding-strategies vision-transformer unet nnunet diffusion-models contrastive-learning
object-detection-basics research-hypothesis ablation-study reproducibility
fair-model-comparison""".split()
PROBLEM_IDS = """scaled_dot_product_attention multi_head_attention causal_self_attention_kv_cache
multi_query_attention grouped_query_attention mlp_block layer_norm batch_norm
sinusoidal_position_encoding learnable_position_encoding relative_position rope cross_entropy
binary_cross_entropy nt_xent_loss dice_loss logistic_regression linear_regression_sgd kmeans
mlp_backprop fm_predict top_k_cosine ddpm_q_sample conv2d rnn_forward lstm_forward simple_cnn
greedy_decode beam_search temperature_sample top_k_sample top_p_sample path_tree nms""".split()
# The second wave of coding problems (problems-wave2.md). Their coding entries are found by
# `problem_id`: `dropout`'s entry is `dropout_forward`, since the concept contract owns `dropout`.
PROBLEM_IDS_WAVE2 = """rms_norm swiglu_ffn lora_linear moe_layer dpo_loss grpo_advantages
ppo_clip_loss flash_attention speculative_accept focal_loss label_smoothing_ce kd_loss clip_loss
adamw_step dropout layer_norm_backward box_iou average_precision bpe_train patch_embed""".split()
TRACKS = {"cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals"}


@pytest.fixture(scope="module")
def entries():  # type: ignore[no-untyped-def]
    return {e.id: e for e in load_entries()}


def test_contract_counts() -> None:
    assert len(CONCEPT_IDS) == 35 and len(PROBLEM_IDS) == 34 and len(PROBLEM_IDS_WAVE2) == 20


@pytest.mark.parametrize("entry_id", CONCEPT_IDS)
def test_every_concept_topic_exists(entries, entry_id: str) -> None:  # type: ignore[no-untyped-def]
    entry = entries[entry_id]
    assert entry.kind == "concept"
    assert 3 <= len(entry.key_points) <= 8 and 2 <= len(entry.follow_ups) <= 5


@pytest.mark.parametrize("problem_id", PROBLEM_IDS)
def test_every_problem_has_a_coding_entry(entries, problem_id: str) -> None:  # type: ignore[no-untyped-def]
    entry = entries[problem_id]
    assert entry.kind == "coding" and entry.problem_id == problem_id


@pytest.mark.parametrize("problem_id", PROBLEM_IDS_WAVE2)
def test_every_wave2_problem_has_a_coding_entry(entries, problem_id: str) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in entries.values() if e.kind == "coding" and e.problem_id == problem_id]
    assert len(found) == 1, problem_id
    entry = found[0]
    assert len(entry.aliases) >= 12 and 3 <= len(entry.key_points) <= 8
    assert entry.difficulty == load_catalog()[problem_id].difficulty


def test_coding_entries_point_to_real_problems(entries) -> None:  # type: ignore[no-untyped-def]
    catalog = load_catalog()
    for entry in entries.values():
        if entry.kind == "coding":
            assert entry.problem_id in catalog


def test_every_track_has_concept_questions(entries) -> None:  # type: ignore[no-untyped-def]
    for track in TRACKS:
        assert sum(1 for e in entries.values() if track in e.tracks and e.kind == "concept") >= 5


def test_aliases_cover_traditional_chinese_and_english(entries) -> None:  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    to_simplified = OpenCC("t2s")
    for entry in entries.values():
        traditional = [a for a in entry.aliases if to_simplified.convert(a) != a]
        english = [a for a in entry.aliases if a.isascii()]
        assert traditional, f"{entry.id}: no traditional-Chinese alias"
        assert english, f"{entry.id}: no English alias"


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_broken_file_error_names_file_and_field(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    path = data / "concepts" / "kv-cache.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("difficulty:", "difficulty: extreme\n"
                                                             "old_difficulty:"), encoding="utf-8")
    with pytest.raises(EntryValidationError) as info:
        load_entries(data)
    message = str(info.value)
    assert "kv-cache.yaml" in message and "difficulty" in message


def test_malformed_yaml_is_reported(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "concepts" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(EntryValidationError, match=r"broken\.yaml"):
        load_entries(data)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    source = data / "concepts" / "unet.yaml"
    (data / "concepts" / "unet-copy.yaml").write_text(source.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    with pytest.raises(EntryValidationError, match=r"unet-copy\.yaml"):
        load_entries(data)


def test_fingerprint_changes_with_content(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    before = data_fingerprint(data)
    path = data / "concepts" / "unet.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data_fingerprint(data) != before
