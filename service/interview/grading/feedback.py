"""One to three sentences of feedback per language, derived from the grade and nothing else.

The comment is a function of the grade's own findings — which key points were ticked and missed,
which statements were found wrong (quoted), vagueness, off-topic, injection, non-answer — so it
can never contradict the score or the ticks: it names as missed only points that are missed,
says "covered" only when nothing is missed, and names a wrong statement by quoting it. Missed
points are named from the rubric; the only candidate text echoed is a short quote of a wrong
statement, shown as a quotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.schema import Entry
from service.interview.grading.models import WrongStatement

MAX_NAMED = 2
MAX_QUOTE = 60

NON_ANSWER_ZH = {"empty": "回答为空", "says it does not know": "表示不知道或跳过",
                 "asks a question back": "只反问了问题", "no recognizable words": "没有可识别的内容",
                 "nothing beyond filler or the question itself": "只有语气词或题目本身的词",
                 "off topic": "与题目无关"}


@dataclass(frozen=True)
class Findings:
    hit: list[int]
    missed: list[int]  # ordered: most important to press on first
    wrong: list[WrongStatement] = field(default_factory=list)
    vague: bool = False
    off_topic: bool = False
    injection: bool = False
    non_answer: str | None = None


def _join(parts: list[str], sep: str) -> str:
    return sep.join(p.rstrip("。.；; ") for p in parts)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE - 1] + "…"


def feedback_zh(entry: Entry, f: Findings) -> str:
    if f.non_answer is not None:
        why = NON_ANSWER_ZH.get(f.non_answer, f.non_answer)
        return f"没有有效回答（{why}），不计分：请用自己的话讲清楚机制和关键细节。"
    if f.off_topic:
        return "回答没有切题，没有对上任何要点：请围绕题目本身讲清楚原理。"
    parts = ["回答中试图影响评分的指令已被忽略并扣分。"] if f.injection else []
    if f.wrong:
        quotes = "；".join(f"「{_quote(w.quote)}」" for w in f.wrong[:MAX_NAMED])
        parts.append(f"这些说法与参考答案不符：{quotes}。")
        fixes = [w.correct_zh for w in f.wrong[:MAX_NAMED] if w.correct_zh]
        if fixes:
            parts.append(f"正确的说法：{_join(fixes, '；')}。")
    named = [entry.key_points[i].zh for i in f.missed[:MAX_NAMED]]
    total = len(entry.key_points)
    if named:
        parts.append(f"讲到 {len(f.hit)}/{total} 个要点；还没讲到：{_join(named, '；')}。")
    else:
        parts.append(f"{total} 个要点都讲到了。")
    if f.vague:
        parts.append("表述偏含糊，请给出具体的机制、公式或例子。")
    return "".join(parts)


def feedback_en(entry: Entry, f: Findings) -> str:
    if f.non_answer is not None:
        return (f"No real answer ({f.non_answer}), so no credit: explain the mechanism and the "
                "key details in your own words.")
    if f.off_topic:
        return "The answer is off topic and matches none of the key points; address the question."
    parts = ["Instructions aimed at the grader were ignored and penalized."] if f.injection else []
    if f.wrong:
        quotes = "; ".join(f"\"{_quote(w.quote)}\"" for w in f.wrong[:MAX_NAMED])
        parts.append(f"These statements contradict the reference: {quotes}.")
        fixes = [w.correct_en for w in f.wrong[:MAX_NAMED] if w.correct_en]
        if fixes:
            parts.append(f"What is true instead: {_join(fixes, '; ')}.")
    named = [entry.key_points[i].en for i in f.missed[:MAX_NAMED]]
    total = len(entry.key_points)
    if named:
        parts.append(f"Covered {len(f.hit)}/{total} key points; not covered yet: "
                     f"{_join(named, '; ')}.")
    else:
        parts.append(f"All {total} key points covered.")
    if f.vague:
        parts.append("The answer is vague; give the concrete mechanism, formula or example.")
    return " ".join(parts)
