"""Retrieval quality on labelled queries, with the real model and a real FAISS index.

Five query files: ``dev_queries.yaml`` (first wave, paraphrased), ``dev_queries_wave2.yaml``
(second wave, written for tuning) and three files written blind by engineers who never saw the
entries they target (``dev_queries_{cv,ml,llm}.yaml``). Each query set is embedded in one batch
(``search_many``) so the ~1,000 queries cost seconds, not a minute.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.base import KnowledgeBase
from knowledge.errors import QueryError, UnknownEntryError
from knowledge.evaluation import evaluate, load_queries, twin_items
from knowledge.loader import DATA_DIR

HERE = Path(__file__).parent
DEV_SET = load_queries(HERE / "dev_queries.yaml")
TWINS = yaml.safe_load((HERE / "twin_queries.yaml").read_text(encoding="utf-8"))
# file: (recall@1 floor, recall@5 floor). The blind files carry the targets for queries
# nobody tuned for; the old dev set keeps its recall@5 bar.
FLOORS = {"dev_queries.yaml": (0.93, 0.97), "dev_queries_wave2.yaml": (0.95, 0.98),
          "dev_queries_cv.yaml": (0.90, 0.98), "dev_queries_ml.yaml": (0.90, 0.98),
          "dev_queries_llm.yaml": (0.90, 0.98)}


def test_dev_set_is_large_and_mixed() -> None:
    assert len(DEV_SET) >= 150
    cjk = [q for q in DEV_SET if any("\u4e00" <= ch <= "\u9fff" for ch in q["query"])]
    ascii_only = [q for q in DEV_SET if q["query"].isascii()]
    assert len(cjk) >= 60 and len(ascii_only) >= 40


def test_query_files_name_real_entries(knowledge_base: KnowledgeBase) -> None:
    for name in FLOORS:
        unknown = {i["id"] for i in load_queries(HERE / name)} - {e.id for e in knowledge_base.entries}
        assert not unknown, (name, unknown)


def test_wave2_set_covers_every_second_wave_entry(knowledge_base: KnowledgeBase) -> None:
    """Every entry the first-wave set does not cover is in the wave-2 set, most in 3+ queries."""
    wave2 = load_queries(HERE / "dev_queries_wave2.yaml")
    counts = {e.id: 0 for e in knowledge_base.entries}
    for item in wave2:
        counts[item["id"]] += 1
    old = {i["id"] for i in DEV_SET}
    missing = [entry_id for entry_id, n in counts.items() if n == 0 and entry_id not in old]
    assert not missing
    assert sum(n >= 3 for n in counts.values()) >= 90


@pytest.mark.parametrize("name", list(FLOORS))
def test_recall_on_query_sets(knowledge_base: KnowledgeBase, name: str) -> None:
    scores = evaluate(knowledge_base, load_queries(HERE / name))
    floor_1, floor_5 = FLOORS[name]
    assert scores.recall_at_5 >= floor_5, (scores.recall_at_5, scores.misses[:20])
    assert scores.recall_at_1 >= floor_1, (scores.recall_at_1, scores.misses[:20])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_entry_is_found_first_by_its_own_question(knowledge_base: KnowledgeBase,
                                                        language: str) -> None:
    entries = knowledge_base.entries
    ranked = knowledge_base.search_many([e.question(language) for e in entries], 1)
    wrong = [(e.id, hits[0].id) for e, hits in zip(entries, ranked, strict=True)
             if hits[0].id != e.id]
    assert len(entries) >= 160 and not wrong


def test_coding_entries_and_their_concept_twins_stay_apart(knowledge_base: KnowledgeBase) -> None:
    """"手撕 focal loss" is the coding entry, "focal loss 为什么有效" the concept, for every pair."""
    items = twin_items(TWINS)
    assert len(TWINS) >= 20 and all(knowledge_base.get(p["coding"]).kind == "coding"
                                    and knowledge_base.get(p["concept"]).kind == "concept"
                                    for p in TWINS)
    scores = evaluate(knowledge_base, items, k=5)
    twin_of = {p[a]: p[b] for p in TWINS for a, b in (("coding", "concept"), ("concept", "coding"))}
    # at most one query of 86 lands first on its twin ("why is LoRA's B matrix initialised to
    # zero" is asked while writing LoRA too); the right entry is always in the top two
    crossed = [m for m in scores.misses if m[2][:1] == [twin_of[m[1]]]]
    assert len(crossed) <= 1 and all(m[1] in m[2][:2] for m in crossed), crossed
    assert scores.recall_at_1 >= 0.95 and scores.recall_at_5 == 1.0, scores.misses


def test_search_many_agrees_with_search(knowledge_base: KnowledgeBase) -> None:
    queries = ["手撕 focal loss", "為什麼注意力要除以根號 d_k", "xgb", "YOLOv8 改了啥"]
    batched = knowledge_base.search_many(queries, 3)
    assert [[r.id for r in hits] for hits in batched] == [
        [r.id for r in knowledge_base.search(q, 3)] for q in queries]
    assert knowledge_base.search_many([], 3) == []
    with pytest.raises(QueryError):
        knowledge_base.search_many(["ok", " "], 3)


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
