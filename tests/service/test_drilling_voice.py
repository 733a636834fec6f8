"""A voice that only asks: whatever an LLM says for a drilling or concept turn is checked, and a
line that brings content of its own, drops the candidate's words or answers its own question is
replaced by the offline line before the candidate sees anything. Against the scripted fake
OpenAI server, through the real ``openai`` client."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest
from fake_openai import FakeOpenAI, Reply

from service.interview.brains.base import BrainError
from service.interview.brains.guard import LineGuard
from service.interview.brains.llm import LLMBrain
from service.interview.brains.offline import OfflineBrain, render
from service.interview.brains.registry import speak_text
from service.interview.directives import Directive

PRESS = Directive(kind="drill_point", language="zh", point="training", depth=1,
                  project_name="工业零件缺陷检测", quote="训练用的默认参数", quote_kind="default",
                  technique="YOLOv8", asks=["初始学习率是多少、怎么衰减", "batch size 多大"],
                  slots=["training.lr", "training.batch"],
                  candidate_text="训练用的默认参数，跑了 100 个 epoch。")
FOLLOW_UP = Directive(kind="concept_follow_up", language="zh", entry_id="activation-functions",
                      question="ReLU 和 sigmoid 相比，在梯度上有什么不同？",
                      missed_points=["ReLU 正区间梯度恒为 1，不饱和"],
                      key_points=["ReLU 正区间梯度恒为 1，不饱和"],
                      candidate_text="ReLU 就是比较常用。")


def _guard(directive: Directive) -> LineGuard:
    guard = LineGuard(directive)
    guard.allow(render(directive), directive.candidate_text, directive.quote, directive.question,
                directive.project_name, directive.technique, " ".join(directive.asks))
    return guard


def test_a_rephrased_press_that_keeps_the_quote_passes() -> None:
    _guard(PRESS).check("你刚才说「训练用的默认参数」——YOLOv8 默认的初始学习率是多少？batch size 多大？", True)


@pytest.mark.parametrize("line, why", [
    ("ReLU 的工作原理是通过将负数映射到正值来消除负号的影响，从而防止梯度消失，你明白吗？", "content of its own"),
    ("YOLOv8 默认学习率是 0.01，你用的是这个吗？", "content of its own"),  # a number of its own
])
def test_lines_that_explain_are_rejected(line: str, why: str) -> None:
    with pytest.raises(BrainError, match=why):
        _guard(FOLLOW_UP if "ReLU" in line else PRESS).check(line, True)


def test_a_press_must_keep_the_candidates_words() -> None:
    with pytest.raises(BrainError, match="dropped the candidate's words"):
        _guard(PRESS).check("能具体说说学习率和 batch size 吗？", True)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def _brain(server: FakeOpenAI) -> LLMBrain:
    client = openai.OpenAI(base_url=server.base_url, api_key="k", timeout=2.0, max_retries=0)
    return LLMBrain(client, "fake-model")


def test_llm_line_that_answers_its_own_question_falls_back(fake: FakeOpenAI) -> None:
    fake.reset()
    fake.push(Reply(text="ReLU 的工作原理是通过将负数映射到正值来消除负号的影响，从而防止梯度消失…你觉得呢？"))
    text, brain = speak_text(_brain(fake), OfflineBrain(), FOLLOW_UP)
    assert brain == "offline (fallback)" and text == render(FOLLOW_UP)


def test_llm_press_that_keeps_the_quote_is_spoken(fake: FakeOpenAI) -> None:
    fake.reset()
    line = "你说「训练用的默认参数」，那 YOLOv8 默认的初始学习率是多少？batch size 多大？"
    fake.push(Reply(text=line))
    text, brain = speak_text(_brain(fake), OfflineBrain(), PRESS)
    assert brain == "llm:fake-model" and text == line
    user = fake.calls[-1].body["messages"][1]["content"]
    start, end = user.index("<<<DATA"), user.index("DATA>>>")
    assert start < user.index("训练用的默认参数") < end  # the candidate's words stay data


def test_content_after_the_question_is_cut(fake: FakeOpenAI) -> None:
    fake.reset()
    fake.push(Reply(text="你说「训练用的默认参数」，初始学习率是多少？其实 YOLOv8 默认用 SGD，动量 0.937，"
                         "权重衰减 0.0005。"))
    text, brain = speak_text(_brain(fake), OfflineBrain(), PRESS)
    assert brain == "llm:fake-model" and text == "你说「训练用的默认参数」，初始学习率是多少？"
