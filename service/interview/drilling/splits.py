"""How the data was split: a résumé that splits by person, place or time against "随机分的".

A split by patient, user, store, speaker or date ("按运动员划分训练/测试", "patient-level 70/15/15",
"time-based split", "与训练用户无重叠") is what keeps one person's samples, or the future, out of
training; an answer that says the frames were shuffled and split at random ("所有帧打乱，按 8:2 随机
分的") describes another, leaky split — worth confronting. A random split named as what was
avoided ("随机切会有泄漏", "rather than a random split", "never random") or as an earlier try
("because a random split gave an AUC of 0.80 that fell apart") is no claim, nor is one inside
each group ("每个用户内部随机").
"""

from __future__ import annotations

import re

from service.interview.drilling.text import clause_texts

_GROUPED = re.compile(
    r"按\s?(?:采集|拍摄|录制|发布|提交|下单)?(?:用户|人|病人|患者|门店|运动员|书|说话人|医院|日期|时间|天|月|批次"
    r"|站点|场景|文档|视频|病例|队员|query|会话|设备|事件)\s?(?:划分|分|切)"
    r"|(?:patient|user|subject|speaker|store|site|hospital|document|time|date|athlete|session)"
    r"[- ](?:level|based|wise|disjoint)|split by (?:\w+ )?(?:patient|user|subject|speaker|store|site|time"
    r"|date|event|scene|image pair|query|session|document)"
    r"|out-of-time|no (?:patient|user|speaker|subject) overlap|(?:用户|病人|患者|人|门店)\S{0,4}(?:不跨|无重叠|不重叠)")
_RANDOM = re.compile(r"随机(?:按\S{0,6})?(?:划分|分|切|打乱)|打乱.{0,8}(?:分|划|切)|random(?:ly)?[- ]split|split (?:\w+ ){0,3}"
                     r"(?:at random|randomly)|randomly (?:split|divided|assigned)|shuffled? (?:and|then) split")
# a random split named as what was avoided, or one inside each group
_NOT_OURS = re.compile(r"不是|而不是|没有|没用|不能|不要|避免|防止|会有泄漏|泄漏|leak|instead|rather than|never|not\b"
                       r"|n't|avoid|否则|如果|if we|would|每个\S{0,6}(?:内|里)|within each|inside each"
                       # … or as an earlier try ("because a random split gave 0.80 that fell apart")
                       r"|because|因为|gave|fell apart|之前|一开始|起初|原来|initially|at first|tried|试过"
                       r"|earlier|used to")


def resume_split(text: str) -> str | None:
    """The résumé's words for a split by group or by time, if it states one."""
    for original, norm in clause_texts(text):
        if _GROUPED.search(norm):
            return original
    return None


def random_split_claims(answer: str) -> list[str]:
    """The clauses of ``answer`` that say its data was split at random."""
    return [original for original, norm in clause_texts(answer)
            if _RANDOM.search(norm) and not _NOT_OURS.search(norm)]
