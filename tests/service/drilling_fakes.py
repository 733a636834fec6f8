"""Model-free stand-ins for the drilling tests: a mapping of knowledge-base entries and a judge.

:class:`FakeKB` holds real :class:`~knowledge.schema.Entry` objects (validated by the real
schema) with aliases written the way the second-wave entries name résumé techniques, and no
index — so the engine runs on patterns and the entries' own aliases only. :class:`FakeJudge`
returns scripted scores and keeps a call history.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from knowledge.schema import Entry
from service.interview.grading.models import AnswerGrade, KeyPointResult


def entry(entry_id: str, aliases: list[str], tags: list[str], tracks: list[str],
          question: str = "") -> Entry:
    return Entry.model_validate({
        "id": entry_id, "kind": "concept", "difficulty": "medium", "tracks": tracks, "tags": tags,
        "question_zh": question or f"讲讲 {entry_id} 的原理？", "question_en": f"How does {entry_id} work?",
        "aliases": aliases,
        "answer_zh": "参考答案：" + "这是一个足够长的参考答案，用来满足知识库的长度要求。" * 2,
        "answer_en": "Reference answer: " + "a long enough reference answer for the schema. " * 2,
        "key_points": [{"zh": f"要点{i}", "en": f"point {i}", "cues": [f"cue{i}"]}
                       for i in range(3)],
        "follow_ups": [{"zh": "追问一：为什么？", "en": "Why?", "targets": [0]},
                       {"zh": "追问二：怎么做？", "en": "How?", "targets": [1]}],
    })


ENTRIES = [
    entry("se-cbam-attention", ["CBAM 是什么", "SE 模块和 CBAM 的区别", "CBAM attention module",
                                "通道注意力和空间注意力"], ["cbam", "attention"], ["cv-intern"],
          "CBAM 的通道注意力和空间注意力分别怎么算？"),
    entry("yolo-family", ["YOLO 的原理", "YOLOv5 和 YOLOv8 的区别", "how does YOLO work",
                          "YOLO anchor-free"], ["yolo", "object-detection"], ["cv-intern"]),
    entry("nnunet", ["讲讲 nnUNet", "nnU-Net 自动配置了什么", "why is nnU-Net strong"],
          ["nnunet", "segmentation"], ["cv-intern"]),
    entry("unet", ["UNet 结构讲一下", "U-Net 的跳跃连接", "explain the U-Net architecture"],
          ["unet", "segmentation"], ["cv-intern"]),
    entry("pose-estimation", ["HRNet 的结构", "人体姿态估计 heatmap", "HRNet high resolution"],
          ["pose", "hrnet"], ["cv-intern"]),
    entry("lora-fine-tuning", ["LoRA 原理", "LoRA rank 怎么设", "how does LoRA work"],
          ["lora", "peft"], ["llm-algorithm"]),
    entry("reproducibility", ["PyTorch 固定随机种子", "PyTorch determinism", "实验可复现"],
          ["reproducibility"], ["research-scientist"]),
    entry("kmeans-clustering", ["kmeans 流程", "k-means++ 初始化", "how to choose k"],
          ["kmeans", "clustering"], ["cv-intern", "ml-fundamentals"]),
    entry("bias-variance", ["偏差方差", "bias variance tradeoff", "过拟合欠拟合"],
          ["bias-variance"], ["cv-intern", "ml-fundamentals"]),
    entry("activation-functions", ["激活函数", "relu vs sigmoid", "dead relu"],
          ["activation"], ["cv-intern", "ml-fundamentals"]),
]


class FakeKB:
    """The slice of :class:`knowledge.base.KnowledgeBase` the engine uses, without an index."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self.entries = list(entries or ENTRIES)
        self._by_id = {e.id: e for e in self.entries}

    def get(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id


class FakeJudge:
    """Scripted scores (default 80); ``calls`` records (entry id, answer)."""

    name = "fake-judge"

    def __init__(self, scores: list[int] | None = None) -> None:
        self.scores: deque[int] = deque(scores or [])
        self.calls: list[tuple[str, str]] = []

    def grade(self, entry: Entry, answer: str, language: str) -> AnswerGrade:
        self.calls.append((entry.id, answer))
        if answer.strip() in ("不知道。", "I don't know."):  # what the real grader calls a non-answer
            return AnswerGrade(
                score=0, hit=[], missed=[0, 1, 2], vague=True, vague_reasons=[], off_topic=False,
                non_answer="says it does not know", feedback_zh="", feedback_en="",
                key_points=[KeyPointResult(index=i, text_zh=f"要点{i}", text_en=f"point {i}",
                                           hit=False, strength=0.0) for i in range(3)])
        score = self.scores.popleft() if self.scores else 80
        hit = [0, 1, 2] if score >= 80 else [0]
        return AnswerGrade(
            score=score, hit=hit, missed=[i for i in range(3) if i not in hit], vague=False,
            vague_reasons=[], off_topic=False, feedback_zh="", feedback_en="",
            key_points=[KeyPointResult(index=i, text_zh=f"要点{i}", text_en=f"point {i}",
                                       hit=i in hit, strength=1.0 if i in hit else 0.0,
                                       evidence=answer[:40] if i in hit else None)
                        for i in range(3)])


CV_CLAIM: dict[str, Any] = {
    "name": "基于改进 YOLOv8 的工业零件表面缺陷检测", "kind": "project",
    "raw": ("**基于改进 YOLOv8 的工业零件表面缺陷检测** 2024.09 - 2025.03\n"
            "- 针对产线金属零件表面划痕、凹坑等小缺陷，基于 YOLOv8 引入 CBAM 注意力模块；\n"
            "- 在 1.2 万张自采图片上，mAP@0.5 从 0.71 提升到 0.84，单张推理 25ms；"),
    "methods": ["YOLOv8", "CBAM"], "data": ["1.2 万张自采图片"], "contribution": [],
    "metrics": [{"metric": "mAP@0.5", "value": 0.84, "baseline": 0.71, "raw": "mAP@0.5 从 0.71 提升到 0.84"}],
}
SEG_CLAIM: dict[str, Any] = {
    "name": "基于 nnU-Net 的肝脏肿瘤分割", "kind": "project",
    "raw": "**基于 nnU-Net 的肝脏肿瘤分割**\n- 使用 nnU-Net 在 LiTS 数据集上做分割，肿瘤 Dice 达到 0.78；",
    "methods": ["nnU-Net"], "data": ["LiTS"], "contribution": [], "metrics": [],
}
POSE_CLAIM: dict[str, Any] = {
    "name": "基于 HRNet 的健身动作计数", "kind": "project",
    "raw": "**基于 HRNet 的健身动作计数**\n- 使用 HRNet-W32 做人体关键点检测，计数准确率 95%。",
    "methods": ["HRNet"], "data": [], "contribution": [], "metrics": [],
}
