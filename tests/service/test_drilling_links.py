"""Technique → knowledge-base links: through the entries' own aliases, then retrieval.

Model-free with a mapping of entries written like the second-wave entries (CBAM, YOLO, HRNet),
and with today's real knowledge base and index (nnU-Net, U-Net, LoRA, DPO, ViT…).
"""

from __future__ import annotations

from typing import Any

import pytest
from drilling_fakes import ENTRIES

from service.interview.drilling.techniques import (
    TechniqueLinker,
    index_dense,
    mentions_in,
    shorter_forms,
)


def _ids(linker: TechniqueLinker, mentions: list[str]) -> dict[str, str]:
    return {link.mention: link.entry_id for link in linker.link(mentions)}


def test_versioned_names_shorten_to_their_family() -> None:
    assert shorter_forms("YOLOv8s")[0] == "yolov8s" and shorter_forms("YOLOv8s")[-1] == "yolo"
    assert shorter_forms("HRNet-W32")[-1] == "hrnet"
    assert shorter_forms("Qwen2-7B-Instruct")[-2:] == ["qwen2", "qwen"]
    assert shorter_forms("nnU-Net") == ["nnunet"]


def test_aliases_link_names_as_resumes_write_them() -> None:
    linker = TechniqueLinker(ENTRIES)
    linked = _ids(linker, ["YOLOv8s", "CBAM", "nnU-Net", "U-Net", "HRNet-W32", "LoRA", "Mosaic"])
    assert linked == {"YOLOv8s": "yolo-family", "CBAM": "se-cbam-attention", "nnU-Net": "nnunet",
                      "U-Net": "unet", "HRNet-W32": "pose-estimation", "LoRA": "lora-fine-tuning"}


def test_tools_are_not_techniques() -> None:
    text = "熟练使用 PyTorch、TensorRT、OpenCV；基于 YOLOv8 引入 CBAM 注意力模块，并用 LoRA 微调。"
    mentions = mentions_in(text)
    assert {"YOLOv8", "CBAM", "LoRA"} <= set(mentions)
    assert not {"PyTorch", "TensorRT", "OpenCV"} & set(mentions)


def test_retrieval_links_only_clear_winners() -> None:
    ranked: dict[str, list[tuple[str, float]]] = {
        "Low-Rank Adaptation": [("lora-fine-tuning", 0.95), ("nnunet", 0.84)],
        "Mystery Net": [("unet", 0.91), ("nnunet", 0.905)],  # no clear winner
        "Faint": [("unet", 0.80)],
    }

    def dense(mentions: list[str]) -> list[list[tuple[str, float]]]:
        return [ranked[m] for m in mentions]

    linker = TechniqueLinker(ENTRIES, dense)
    links = linker.link(list(ranked))
    assert [(link.mention, link.entry_id, link.via) for link in links] == [
        ("Low-Rank Adaptation", "lora-fine-tuning", "retrieval")]
    assert linker.link(list(ranked), retrieve=False) == []


EXPECTED = {"nnU-Net": "nnunet", "U-Net": "unet", "LoRA": "lora-fine-tuning",
            "QLoRA": "peft-methods", "DPO": "rlhf-dpo", "ViT-B/16": "vision-transformer",
            "SimCLR": "contrastive-learning", "k-means": "kmeans-clustering",
            "FAISS": "vector-search-at-scale", "GQA": "mqa-gqa", "RoPE": "positional-encoding",
            "AdamW": "optimizers", "focal loss": "focal-loss", "LSTM": "rnn-lstm",
            "DDPM": "diffusion-models", "对比学习": "contrastive-learning",
            "逻辑回归": "logistic-regression", "Direct Preference Optimization": "rlhf-dpo",
            "BM25": "rag-pipeline", "TensorRT": "inference-deployment"}


def test_real_knowledge_base_links(knowledge_base: Any) -> None:
    linker = TechniqueLinker(knowledge_base.entries, index_dense(knowledge_base.index))
    assert {m: _ids(linker, [m]).get(m) for m in EXPECTED} == EXPECTED
    unlinked = ["CRF", "wav2vec 2.0", "Temporal Fusion Transformer", "ARIMA"]
    assert linker.link(unlinked) == []


@pytest.mark.parametrize("text, expected", [
    ("基于 nnU-Net 的肝脏肿瘤分割，使用 nnU-Net 在 LiTS 上训练", {"nnunet"}),
    ("Fine-tuned Qwen2-7B with LoRA, then aligned with DPO", {"lora-fine-tuning", "rlhf-dpo"}),
])
def test_resume_text_to_entries(knowledge_base: Any, text: str, expected: set[str]) -> None:
    linker = TechniqueLinker(knowledge_base.entries, index_dense(knowledge_base.index))
    assert {link.entry_id for link in linker.link(mentions_in(text))} == expected
