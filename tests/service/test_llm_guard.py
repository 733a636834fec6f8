"""The guard on LLM lines: the failure modes small local models really show, caught before the
candidate sees anything (so the turn falls back to the offline brain cleanly)."""

from __future__ import annotations

import pytest

from service.interview.brains.base import BrainError
from service.interview.brains.guard import LineGuard
from service.interview.brains.llm import OutputFilter
from service.interview.brains.prompts import build_messages, task_line
from service.interview.directives import Directive

BN = Directive(kind="concept_follow_up", language="zh", question="BN 和 LN 有什么区别？",
               key_points=["BN 在 batch 维度归一化", "BN 推理时用训练时滑动平均的均值方差"],
               missed_points=["BN 推理时用训练时滑动平均的均值方差"],
               candidate_text="BN 是在 batch 维度上归一化，LN 在特征维度。")
DRILL = Directive(kind="drill_point", language="zh", point="training", depth=1,
                  vague_reasons=["no_numbers"], project_name="客服模型微调",
                  candidate_text="就是用 LoRA 微调了一下")


def _stream(directive: Directive, pieces: list[str]) -> str:
    messages = build_messages(directive)
    filt = OutputFilter(directive.language, messages[0]["content"], guard=LineGuard(directive))
    out = "".join(filt.feed(p) for p in pieces)
    return out + filt.finish()


def test_a_good_line_streams_through() -> None:
    line = _stream(DRILL, ["你说「就是用 LoRA 微调了一下」，", "那 rank 设的多少？", "学习率呢？"])
    assert line == "你说「就是用 LoRA 微调了一下」，那 rank 设的多少？学习率呢？"


def test_the_head_is_held_until_its_question() -> None:
    messages = build_messages(DRILL)
    filt = OutputFilter("zh", messages[0]["content"], guard=LineGuard(DRILL))
    assert filt.feed("你刚才说的太笼统了。") == ""  # a sentence, but no question yet
    assert filt.feed("batch size 多少？") == "你刚才说的太笼统了。batch size 多少？"


@pytest.mark.parametrize("directive, pieces, why", [
    (BN, ["BN 推理时用训练时滑动平均的均值方差，", "你知道吗？"], "revealed"),
    (DRILL, ["我叫张三，我做的项目是客服模型。"], "as the candidate"),
    (DRILL, [task_line(DRILL)], "task instruction"),
    (DRILL, ["训练的 LoRA 微调效果还行。"], "no question"),
])
def test_bad_heads_raise_before_anything_is_sent(directive: Directive, pieces: list[str],
                                                 why: str) -> None:
    with pytest.raises(BrainError, match=why):
        _stream(directive, pieces)


def test_a_leak_after_the_question_is_cut_off() -> None:
    line = _stream(BN, ["BN 和 LN 有什么区别？", "其实 BN 推理时用训练时", "滑动平均的均值方差。"])
    assert line == "BN 和 LN 有什么区别？"


def test_repeating_the_question_or_the_candidate_is_not_a_leak() -> None:
    guard = LineGuard(BN.model_copy(update={"key_points": ["BN 和 LN 有什么区别 的关键"]}))
    assert not guard.leaks("BN 和 LN 有什么区别？")
    assert not LineGuard(BN).leaks("你说 BN 是在 batch 维度上归一化，那推理时呢？")


def test_lines_that_need_no_question() -> None:
    close = Directive(kind="close", language="en", overall_score=70)
    assert _stream(close, ["That's it for today. ", "Your score is 70."]).startswith("That's it")


def test_rewrite_prompt_for_small_models() -> None:
    messages = build_messages(DRILL, "rewrite")
    system, user = (m["content"] for m in messages)
    assert "never answer" in build_messages(DRILL.model_copy(update={"language": "en"}),
                                            "rewrite")[0]["content"]
    assert "不回答问题" in system and DRILL.candidate_text not in system
    start, end = user.index("<<<DATA"), user.index("DATA>>>")
    assert start < user.index(str(DRILL.candidate_text)) < end  # context, as untrusted data
    assert user.index("面试官要说：") > end and user.endswith("改写后的台词：")
    assert "目的" not in user  # the goal line is read back by small models: not given


@pytest.mark.parametrize("pieces, expected", [
    (["「你还是没说具体数字：", "batch size 多少？」"], "你还是没说具体数字：batch size 多少？"),
    (["面试官说：“学习率设的多少？", "”"], "学习率设的多少？"),
    (["「LoRA」的 rank 设的多少？"], "「LoRA」的 rank 设的多少？"),  # a quote inside the line stays
])
def test_wrapping_quotes_and_labels_are_removed(pieces: list[str], expected: str) -> None:
    assert _stream(DRILL, pieces) == expected


def test_wrapped_line_streams_in_many_pieces() -> None:
    pieces = ["「", "你说", "用了 LoRA，", "rank 设的", "多少？", "学习率", "呢？", "」"]
    assert _stream(DRILL, pieces) == "你说用了 LoRA，rank 设的多少？学习率呢？"
