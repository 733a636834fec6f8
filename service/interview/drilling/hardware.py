"""Training hardware as candidates state it: "4×A100 40G", "8 张 V100", "on a single 4090", "the
eight-GPU node" (a count without the model is held by its number only).

A résumé line such as "2×A800 80G，SFT 3 epoch 约 9 小时" is a claim about what the model was
trained on; an answer about training that names another GPU ("SFT 是在 8 张 A100 上跑的") or the same
GPU in another number is a clash worth confronting — it is one of the easiest details to inflate.

Only training hardware is compared: a line or clause about deployment or inference ("部署到 T4",
"served on two A10s", "Jetson Orin") says nothing about the training cluster, and a GPU named
without a training context is not held against anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from knowledge.textnorm import normalize
from service.resume import vocab

_COUNT_WORDS = {"一": 1, "单": 1, "1": 1, "两": 2, "二": 2, "三": 3, "四": 4, "六": 6, "八": 8,
                "十六": 16, "a": 1, "an": 1, "one": 1, "single": 1, "a single": 1, "two": 2,
                "four": 4, "eight": 8, "sixteen": 16}
_GPU = r"(?P<gpu>" + vocab.GPU_MODELS + ")"
_COUNT = (r"(?P<n>\d{1,3}|十六|[一两二三四六八单]|a single|single|an?|one|two|four|eight|sixteen)")
_WITH_COUNT = re.compile(
    _COUNT + r"\s*(?:×|x|\*|张|块|台|卡|个)?\s*(?:nvidia\s*)?(?:张|块)?\s*(?:rtx\s*)?" + _GPU
    + r"s?(?![a-z0-9])")  # "four A100s"
_BARE = re.compile(r"(?<![a-z0-9])(?:nvidia\s*)?" + _GPU + r"s?(?![a-z0-9])")
# Any mention of GPUs, named or counted only: a line or clause about compute.
GPU_MENTION = re.compile(r"(?<![a-z0-9])(?:nvidia\s*)?" + vocab.GPU_MODELS + r"s?(?![a-z0-9])"
                         r"|(?<![a-z0-9])gpus?(?![a-z0-9])|[张块]卡|单卡|卡上")
# GPUs counted without a model: "the eight-GPU node", "8 GPUs", "八卡", "4 张卡"
_COUNT_ONLY = re.compile(r"(?<![a-z0-9])" + _COUNT + r"(?:[\s-]*gpus?(?![a-z]|[\s-]*(?:hours?|days?|h\b))"
                         r"|\s*(?:张|块)?卡(?!顿|片|住|时|天))")  # not "54 GPU-hours", "300 卡时"
_TRAINING = re.compile(r"训|跑|微调|sft|dpo|ppo|grpo|lora|epoch|小时|天|hours?|days?|train|fine-?tun"
                       r"|pre-?train|ran on|run on|runs")
# A clause about serving: its words, or a latency ("P99 过不了十毫秒", "27 ms per tile pair")
_SERVING = re.compile(r"部署|推理|上线|serv|deploy|inference|infer|rtf|qps|latency|延迟|jetson|orin"
                      r"|tensorrt|onnx|ctranslate|int8|吞吐|throughput|p9[59]|p50|毫秒"
                      r"|\d\s*ms\b|milliseconds?|\bfps\b")
# … and words that make a clause about training even after a clause about serving
_TRAINED = re.compile(r"训|微调|sft|dpo|ppo|grpo|lora|epoch|train|fine-?tun")
_SENTENCE = re.compile(r"[。；;！？!?\n]|(?<=[A-Za-z])\.(?=\s)")
_CLAUSE = re.compile(r"[，,]")


@dataclass(frozen=True)
class GpuClaim:
    gpu: str  # normalized model name, e.g. "a100", "4090"
    count: int | None
    said: str


def _gpu_name(raw: str) -> str:
    return re.sub(r"\s|rtx|nvidia", "", raw)


def _count(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = raw.strip()
    return int(raw) if raw.isdigit() else _COUNT_WORDS.get(raw)


def mentions_training(text: str) -> bool:
    return bool(_TRAINING.search(normalize(text)))


def gpu_claims(text: str, *, require_training: bool = True) -> list[GpuClaim]:
    """The GPUs ``text`` (a résumé line, or an answer) says a model was trained on, one per
    clause; clauses about serving are skipped, and with ``require_training`` so is a ``text``
    that never mentions training."""
    found: list[GpuClaim] = []
    if require_training and not mentions_training(text):
        return found
    for original in _training_clauses(text):
        clause = normalize(original)
        match = _WITH_COUNT.search(clause) or _BARE.search(clause)
        if match is not None:
            count = _count(match.groupdict().get("n"))
            found.append(GpuClaim(_gpu_name(match.group("gpu")), count, original))
        elif (counted := _COUNT_ONLY.search(clause)) is not None:
            found.append(GpuClaim("", _count(counted.group("n")), original))  # model unsaid
    return found


def _clauses(text: str) -> Iterator[tuple[str, str, bool]]:
    """(the words, normalized, about serving) for each clause of ``text``; a clause after one
    about serving in the same sentence is about serving too unless it names training
    ("部署的时候转成 INT8，8 张 A10 上批量跑")."""
    for sentence in _SENTENCE.split(text):
        serving = False
        for original in (c.strip(" 　-*•·") for c in _CLAUSE.split(sentence)):
            clause = normalize(original)
            if clause:
                serving = bool(_SERVING.search(clause)) or (serving and not _TRAINED.search(clause))
                yield original, clause, serving


def _training_clauses(text: str) -> list[str]:
    """The clauses of ``text`` not about serving."""
    return [original for original, _, serving in _clauses(text) if not serving]


# Where a model is served: a GPU or an edge device ("Jetson AGX Orin", "骁龙 8 Gen2", "RK3588")
_EDGE = (r"jetson(?:\s?(?:agx|nx|nano|orin|xavier))*|(?:agx\s?)?orin|xavier(?:\s?nx)?|rk3588"
         r"|骁龙\s?\d+|snapdragon\s?\d+|昇腾\s?\d+|ascend\s?\d+|树莓派|raspberry\s?pi")
# a measurement elsewhere or a try: "如果在 A100 上跑", "也在 Jetson 上试过", "压测用的 A10"
_IF = re.compile(r"的话|如果|假如|(?<![a-z])if(?![a-z])|would|试过|试了|尝试|对比|压测|测速|tried|compared"
                 r"|benchmark")
_DEVICE = re.compile(r"(?<![a-z0-9])(?:nvidia\s*)?(?P<d>" + vocab.GPU_MODELS + "|" + _EDGE
                     + r")s?(?![a-z0-9])")


def _device_name(raw: str) -> str:
    """One name per device: "jetson agx orin" and "orin" → "orin"; "rtx 3060" → "3060"."""
    for family in ("orin", "xavier", "nano", "jetson", "rk3588", "raspberry", "树莓派"):
        if family in raw:
            return family
    return re.sub(r"[\s\d]+$", "", raw) if re.match(r"骁龙|snapdragon|昇腾|ascend", raw) \
        else _gpu_name(raw)


def serving_devices(text: str) -> list[GpuClaim]:
    """The devices ``text`` says a model is served or measured on, one per clause about serving
    ("部署：Jetson AGX Orin，TensorRT FP16", "served with vLLM on 2× A10G")."""
    found = []
    for original, clause, serving in _clauses(text):
        # "在训练机的 A100 上直接跑的话大概 15 毫秒": a measurement elsewhere, no deployment
        elsewhere = _TRAINED.search(clause) or _IF.search(clause)
        match = _DEVICE.search(clause) if serving and not elsewhere else None
        if match is not None:
            found.append(GpuClaim(_device_name(match.group("d")), None, original))
    return found


def serving_conflicts(stated: list[GpuClaim], claimed: list[GpuClaim]) -> list[tuple[str, str]]:
    """(claim, said) when an answer serves on a device the résumé never serves on (the
    résumé's "Jetson AGX Orin" against "部署是在工控机上的 RTX 3060")."""
    known = {c.gpu for c in claimed}
    return [(claimed[0].said, said.said) for said in stated if said.gpu not in known][:1] \
        if claimed else []


def gpu_conflicts(stated: list[GpuClaim], claimed: list[GpuClaim]) -> list[tuple[str, str]]:
    """(claim, said) for a GPU an answer ``stated`` (:func:`gpu_claims` of the answer, training
    context not required) that no claim matches: another model, or the claimed model in
    another number. An answer that also states the claimed GPUs vouches for itself: its others
    are another run ("验证实验是在 2 张 V100 上小规模做的；正式训练在 8 张 3090 上")."""
    if not claimed:
        return []
    out = []
    for said in stated:  # a GPU counted without its model ("八卡") is held by its number only
        same = [c for c in claimed if not said.gpu or not c.gpu or c.gpu == said.gpu]
        if not same:
            out.append((claimed[0].said, said.said))
        elif said.count is not None and (counted := [c for c in same if c.count is not None]) \
                and all(c.count != said.count for c in counted):  # a bare "A6000" counts nothing
            out.append((same[0].said, said.said))
    return out[:1] if len(out) == len(stated) else []
