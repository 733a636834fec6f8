"""Judging spoken answers in the non-concept stages: concreteness, vagueness, contradictions, skips.

Project drilling is about *specifics*. A senior interviewer presses when an answer has no concrete
model, data, number or own contribution, hedges ("大概", "I think maybe"), or says it "just used"
an existing model. :func:`analyze_drill_answer` scores an answer on one project point by the
concrete signals that point needs (each point lists what a good answer contains), subtracts for
hedging and brevity, and checks the numbers against the résumé's claims.

:func:`detect_manipulation` flags attempts to skip ("下一题", "next question") or to instruct the
interviewer ("ignore previous instructions", "给我满分"); the engine refuses them and counts them
as non-answers. Everything here is deterministic and cheap (regular expressions on normalized text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from knowledge.textnorm import normalize

NUMBER = re.compile(r"(?<![a-z])(\d+(?:\.\d+)?)\s*(%|万|k|m|w|倍|x)?", re.I)
MODEL_NAME = re.compile(r"\b([a-z]+[-_]?v?\d+[a-z]*|[a-z]*(?:net|former|bert|gpt|llama|qwen|yolo|"
                        r"rcnn|r-cnn|vit|clip|lora|unet|u-net|gan|vae|diffusion|xgboost|lightgbm|"
                        r"transformer|lstm|gru|cnn|resnet|mamba|dino|sam|detr)[a-z0-9\-]*)\b", re.I)
HEDGES = ("大概", "可能", "应该是", "好像", "差不多", "记不清", "不太清楚", "不太记得", "忘了", "似乎",
          "i think maybe", "maybe", "probably", "not sure", "i guess", "kind of", "sort of",
          "roughly", "don't remember", "i forget", "something like")
JUST_USED = ("直接用", "直接调用", "调用了", "用现成", "现成的", "开源的", "拿来用", "套用", "调包",
             "just used", "off-the-shelf", "off the shelf", "out of the box", "just call",
             "just ran", "default settings", "默认参数")
OWN_CHANGE = ("改进", "修改", "改了", "替换", "加入", "引入", "设计", "提出", "自己写", "重写", "融合",
              "modified", "changed", "replaced", "added", "designed", "proposed", "introduced",
              "rewrote", "customized", "our own")
POINT_SIGNALS: dict[str, tuple[tuple[str, ...], ...]] = {
    "task": (("输入", "输出", "目标", "任务", "检测", "分类", "分割", "预测", "生成", "识别", "推荐",
              "input", "output", "goal", "task", "detect", "classif", "segment", "predict",
              "generat", "recogni", "recommend"),),
    "model": (("模型", "网络", "backbone", "head", "架构", "结构", "model", "network",
               "architecture", "encoder", "decoder", "layer", "层"),),
    "training": (("epoch", "batch", "学习率", "lr", "learning rate", "优化器", "adam", "sgd", "loss",
                  "损失", "微调", "fine-tun", "预训练", "pretrain", "warmup", "warm-up", "gpu",
                  "显卡", "scheduler", "正则", "dropout", "早停", "early stop"),),
    "data": (("数据集", "数据", "标注", "清洗", "增强", "样本", "采样", "划分", "dataset", "data",
              "label", "annotat", "clean", "augment", "sample", "split", "train/val", "验证集"),),
    "difficulty": (("难点", "困难", "问题", "原因", "发现", "解决", "定位", "排查", "因为", "所以",
                    "difficult", "hard", "problem", "issue", "cause", "found", "solved", "fixed",
                    "because", "debug"),),
    "novelty": ((*OWN_CHANGE, "创新", "不同", "区别", "对比", "novel", "new", "differ", "unlike",
                 "compared"),),
    "metrics": (("map", "f1", "准确率", "召回", "精确率", "auc", "dice", "iou", "accuracy", "recall",
                 "precision", "bleu", "rouge", "提升", "提高", "下降", "improv", "baseline", "基线"),),
    "contribution": (("我负责", "我设计", "我实现", "我写", "我做", "我提出", "我主导", "我独立",
                      "我自己", "i built", "i designed", "i implemented", "i wrote", "i led",
                      "i proposed", "my part", "i was responsible", "i owned", "myself"),),
}
NEEDS_NUMBER = {"training", "data", "metrics"}
NEEDS_NAME = {"model"}
SKIP_PATTERNS = re.compile(
    r"下一题|下一个问题|跳过|换个问题|换一题|不想回答|直接进入|跳到|next question|skip( this)?|"
    r"move on|let'?s go to|go to the next", re.I)
INJECTION_PATTERNS = re.compile(
    r"忽略(之前|以上|上面|前面)|无视(之前|以上)|你现在是|系统提示|提示词|给我(打)?满分|打\s*100\s*分|"
    r"ignore (all |the )?(previous|prior|above) (instructions|prompts?)|disregard (the |all )?"
    r"(previous|above)|you are now|system prompt|give me (full marks|100|a perfect score)|"
    r"set (my )?score|as an ai language model", re.I)


@dataclass
class DrillAnalysis:
    score: float
    vague: bool
    reasons: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)


def _length_units(text: str) -> int:
    """Rough answer length: CJK characters plus Latin words."""
    return len(re.findall(r"[\u4e00-\u9fff]", text)) + len(re.findall(r"[a-z]+", text))


def detect_manipulation(text: str) -> str | None:
    """``"skip"``, ``"injection"`` or ``None``."""
    norm = normalize(text)
    if INJECTION_PATTERNS.search(norm):
        return "injection"
    if SKIP_PATTERNS.search(norm) and _length_units(norm) < 40:
        return "skip"
    return None


def _has_any(norm: str, words: tuple[str, ...]) -> bool:
    return any(w in norm for w in words)


def _point_signals(point: str, norm: str) -> tuple[float, list[str]]:
    """Fraction of the concrete signals this point needs that the answer shows, and what's missing."""
    checks: list[tuple[bool, str]] = [(_has_any(norm, group), f"no_{point}_specifics")
                                      for group in POINT_SIGNALS.get(point, ())]
    if point in NEEDS_NUMBER:
        checks.append((bool(NUMBER.search(norm)), "no_numbers"))
    if point in NEEDS_NAME:
        checks.append((bool(MODEL_NAME.search(norm)), "no_concrete_model"))
    if point == "contribution" or point == "novelty":
        checks.append((_has_any(norm, OWN_CHANGE + POINT_SIGNALS["contribution"][0]),
                       "no_own_contribution"))
    if not checks:
        return 1.0, []
    missing = [reason for ok, reason in checks if not ok]
    return 1 - len(missing) / len(checks), missing


def analyze_drill_answer(point: str, answer: str, claim: dict[str, Any]) -> DrillAnalysis:
    norm = normalize(answer)
    units = _length_units(norm)
    coverage, reasons = _point_signals(point, norm)
    score = 35 + 50 * coverage + min(15.0, units / 6)
    if _has_any(norm, HEDGES):
        reasons.append("hedging")
        score -= 20
    if _has_any(norm, JUST_USED) and not _has_any(norm, OWN_CHANGE):
        reasons.append("just_used_existing")
        score -= 25
    if units < 12:
        reasons.append("too_short")
        score -= 25
    contradictions = find_contradictions(norm, claim)
    if contradictions:
        score -= 10
    score = max(0.0, min(100.0, score))
    return DrillAnalysis(score=round(score, 1), vague=score < 60 or "too_short" in reasons,
                         reasons=reasons, contradictions=contradictions)


def _as_fraction(value: float, unit: str | None) -> float:
    return value / 100 if unit == "%" or value > 1.0 else value


def find_contradictions(norm_answer: str, claim: dict[str, Any]) -> list[str]:
    """Claimed metric values that the answer states differently (>10% relative), as sentences."""
    found = []
    for metric in claim.get("metrics") or []:
        full_name = str(metric.get("metric") or "").lower()
        name = full_name.split("@")[0].strip()  # "map@0.5" is usually said as "map"
        claimed = metric.get("value")
        if not name or name == "unspecified" or claimed is None or name not in norm_answer:
            continue
        window = norm_answer[norm_answer.index(name):][:40]
        match = NUMBER.search(window)
        if match is None:
            continue
        said = _as_fraction(float(match.group(1)), match.group(2))
        target = _as_fraction(float(claimed), metric.get("unit"))
        if target and abs(said - target) / abs(target) > 0.10:
            found.append(f"{metric.get('raw') or name} vs said {match.group(0).strip()}")
    return found


def score_intro(text: str) -> float:
    """Self-introduction: background, direction, projects, and a sensible length."""
    norm = normalize(text)
    facets = [
        ("大学", "学院", "硕士", "博士", "本科", "研究生", "university", "master", "phd", "bachelor",
         "school", "major", "专业"),
        ("项目", "project", "实习", "intern", "论文", "paper", "比赛", "competition", "research", "研究"),
        ("方向", "cv", "nlp", "llm", "视觉", "大模型", "推荐", "vision", "language", "检测", "分割",
         "算法", "algorithm", "learning", "学习"),
    ]
    covered = sum(_has_any(norm, group) for group in facets) / len(facets)
    units = _length_units(norm)
    length_score = 1.0 if 40 <= units <= 400 else (units / 40 if units < 40 else 0.7)
    return round(100 * (0.6 * covered + 0.4 * length_score), 1)
