"""One or two sentences of feedback per language, naming what the answer missed.

Feedback is built only from the rubric (key-point texts) and the grader's own findings, never from
the candidate's text, so nothing the candidate writes is echoed back as an instruction.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.schema import Entry

MAX_NAMED = 2


@dataclass(frozen=True)
class Findings:
    missed: list[int]  # ordered: most important to press on first
    vague: bool
    off_topic: bool
    contradictions: list[str]
    injection: bool
    empty: bool


def _join(parts: list[str], sep: str) -> str:
    return sep.join(p.rstrip("。.；; ") for p in parts)


def feedback_zh(entry: Entry, f: Findings) -> str:
    if f.empty:
        return "没有有效回答：请用自己的话讲清楚机制和关键细节。"
    if f.off_topic:
        return "回答没有切题，请围绕题目本身讲清楚原理。"
    named = [entry.key_points[i].zh for i in f.missed[:MAX_NAMED]]
    first = f"还没讲到：{_join(named, '；')}。" if named else "要点基本都覆盖到了。"
    if f.injection:
        return "回答中试图影响评分的指令已被忽略并扣分。" + first
    if f.contradictions:
        return first + "另外有说法与标准答案不符或过于绝对，请再核对。"
    if f.vague:
        return first + "表述偏含糊，请给出具体的机制、公式或例子。"
    return first


def feedback_en(entry: Entry, f: Findings) -> str:
    if f.empty:
        return "No real answer: explain the mechanism and the key details in your own words."
    if f.off_topic:
        return "The answer is off topic; address the question itself."
    named = [entry.key_points[i].en for i in f.missed[:MAX_NAMED]]
    first = f"Not covered yet: {_join(named, '; ')}." if named else "You covered the key points."
    if f.injection:
        return "Instructions aimed at the grader were ignored and penalized. " + first
    if f.contradictions:
        return first + " Some statements contradict the reference or overclaim; double-check them."
    if f.vague:
        return first + " The answer is vague; give the concrete mechanism, formula or example."
    return first
