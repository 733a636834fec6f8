"""Retrieval quality on the paraphrased dev set, with the real model and a real FAISS index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.base import KnowledgeBase
from knowledge.errors import QueryError, UnknownEntryError
from knowledge.loader import DATA_DIR

DEV_SET = yaml.safe_load((Path(__file__).parent / "dev_queries.yaml").read_text(encoding="utf-8"))


def test_dev_set_is_large_and_mixed() -> None:
    assert len(DEV_SET) >= 150
    cjk = [q for q in DEV_SET if any("\u4e00" <= ch <= "\u9fff" for ch in q["query"])]
    ascii_only = [q for q in DEV_SET if q["query"].isascii()]
    assert len(cjk) >= 60 and len(ascii_only) >= 40


def test_recall_at_5_on_dev_set(knowledge_base: KnowledgeBase) -> None:
    found = 0
    misses = []
    for item in DEV_SET:
        ids = [r.id for r in knowledge_base.search(item["query"], 5)]
        if item["id"] in ids:
            found += 1
        else:
            misses.append((item["query"], item["id"], ids[:3]))
    recall = found / len(DEV_SET)
    assert recall >= 0.95, (recall, misses[:20])


@pytest.mark.parametrize(("query", "expected"), [
    ("为什么注意力要除以根号 d_k", "attention-mechanism"),
    ("為什麼注意力要除以根號 d_k", "attention-mechanism"),
    ("why divide attention scores by sqrt d_k", "attention-mechanism"),
    ("手撕 NMS", "nms"),
    ("KV cache 占多少显存", "kv-cache"),
])
def test_simplified_traditional_english_agree(knowledge_base: KnowledgeBase, query: str,
                                              expected: str) -> None:
    assert knowledge_base.search(query, 3)[0].id == expected


def test_results_are_sorted_and_shaped(knowledge_base: KnowledgeBase) -> None:
    results = [r.as_dict() for r in knowledge_base.search("batch norm vs layer norm", 5)]
    assert len(results) == 5
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert set(results[0]) == {"id", "score", "question_zh", "question_en", "kind"}


@pytest.mark.parametrize("query", ["", "   ", "x" * 501])
def test_bad_queries_are_rejected(knowledge_base: KnowledgeBase, query: str) -> None:
    with pytest.raises(QueryError):
        knowledge_base.search(query)


def test_unknown_id(knowledge_base: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError, match="no knowledge-base entry"):
        knowledge_base.get("no-such-topic")


def _small_corpus(tmp_path: Path) -> Path:
    """A handful of real entries: enough to exercise rebuilding, small enough to be quick."""
    data = tmp_path / "data"
    (data / "concepts").mkdir(parents=True)
    for name in ("unet", "kv-cache", "nnunet", "rnn-lstm", "ablation-study"):
        shutil.copy(DATA_DIR / "concepts" / f"{name}.yaml", data / "concepts")
    return data


def test_index_is_reused_then_rebuilt_when_data_changes(knowledge_base: KnowledgeBase,
                                                        tmp_path: Path) -> None:
    embedder = knowledge_base.index.embedder
    data = _small_corpus(tmp_path)
    index_dir = tmp_path / "index"
    first = KnowledgeBase.open(embedder, index_dir, data)
    assert first.rebuilt and (index_dir / "vectors.faiss").is_file()
    assert not KnowledgeBase.open(embedder, index_dir, data).rebuilt
    path = data / "concepts" / "unet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "aliases:\n", "aliases:\n  - 医学图像分割用的那个U形网络\n", 1), encoding="utf-8")
    changed = KnowledgeBase.open(embedder, index_dir, data)
    assert changed.rebuilt
    assert changed.search("医学图像分割用的那个U形网络", 1)[0].id == "unet"


def test_index_rebuilt_when_model_changes(knowledge_base: KnowledgeBase, tmp_path: Path) -> None:
    import json

    embedder = knowledge_base.index.embedder
    data = _small_corpus(tmp_path)
    index_dir = tmp_path / "index"
    KnowledgeBase.open(embedder, index_dir, data)
    meta = json.loads((index_dir / "meta.json").read_text())
    meta["model_id"] = "some-other-model"
    (index_dir / "meta.json").write_text(json.dumps(meta))
    assert KnowledgeBase.open(embedder, index_dir, data).rebuilt
