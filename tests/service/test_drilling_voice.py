"""A voice that only asks: whatever an LLM says for a drilling or concept turn is checked, and a
line that brings content of its own, drops the candidate's words or answers its own question is
replaced by the offline line before the candidate sees anything. Against the scripted fake
OpenAI server, through the real ``openai`` client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


# --- the hosted profile's slot proposals --------------------------------------------------------

def _advisor(server: FakeOpenAI) -> Any:
    from service.interview.brains.advisor import LLMSlotAdvisor

    client = openai.OpenAI(base_url=server.base_url, api_key="k", timeout=2.0, max_retries=0)
    return LLMSlotAdvisor(client, "fake-model")


def test_llm_slot_proposals_are_validated_before_they_count(fake: FakeOpenAI) -> None:
    from drilling_fakes import CV_CLAIM, FakeJudge, FakeKB

    from service.interview.engine import InterviewEngine
    from service.interview.planning import plan_interview

    fake.reset()
    answer = "训练就是按教程来的，每次喂进去 32 张，优化器里头那个步长设的千分之一，一共过了八十遍数据。"
    fake.push(Reply.json({"slots": []}))  # for the task answer
    fake.push(Reply.json({"slots": [
        {"slot": "batch", "status": "filled", "evidence": "每次喂进去 32 张"},
        {"slot": "lr", "status": "filled", "evidence": "步长设的千分之一"},
        {"slot": "epochs", "status": "filled", "evidence": "一共过了八十遍数据"},
        {"slot": "hardware", "status": "filled", "evidence": "4 张 A100"},  # not in the answer
        {"slot": "loss", "status": "filled", "evidence": "按教程来的"},  # an evasion
        {"slot": "warmup", "status": "filled", "evidence": "32 张"}]}))  # no such slot
    eng = InterviewEngine(FakeKB(), FakeJudge(), {})  # type: ignore[arg-type]
    eng.drill.advisor = _advisor(fake)
    state = plan_interview(entries=eng.kb.entries, track="cv-intern", language="zh",
                           length="short", claims=[CV_CLAIM], seed=1, recently_asked=set(),
                           available_problems=set())
    state.projects[0].points[1].point = "training"
    eng.opening(state)
    eng.on_message(state, "我是王磊。")
    eng.on_message(state, "输入是零件灰度图，输出缺陷框和类别，要求漏检率低于 2%。")
    step = eng.on_message(state, answer)
    assert set(step.analysis["filled"]) >= {"batch", "lr", "epochs"}  # type: ignore[index]
    assert not {"hardware", "loss"} & set(step.analysis["filled"])  # type: ignore[index]
    assert step.directive.point != "training"  # let go on the validated proposals
    body = fake.calls[-1].body
    assert body["response_format"] == {"type": "json_object"}
    user = body["messages"][1]["content"]
    assert user.index("<<<ANSWER") < user.index(answer) < user.index("ANSWER>>>")


def test_llm_slot_advisor_failures_cost_nothing(fake: FakeOpenAI) -> None:
    advisor = _advisor(fake)
    fake.reset()
    fake.push(Reply(status=500), Reply(text="not json"), Reply.json({"slots": "nope"}))
    for _ in range(3):
        assert advisor.propose("training", "学习率 0.01", "zh") == []


@pytest.mark.parametrize("variant", range(6))
@pytest.mark.parametrize("kind", ["partial", "vague", "generic", "quantity", "default"])
def test_english_presses_read_as_one_clean_line(kind: str, variant: int) -> None:
    """'You mentioned "…". ' already ends with its space: no double space before the ask."""
    from service.interview.brains.drill_lines import press

    directive = PRESS.model_copy(update={
        "language": "en", "quote": "I did the whole project by myself", "quote_kind": kind,
        "asks": ["who did the other parts"], "technique": None, "extra": {"variant": variant}})
    line = press(directive)
    assert "  " not in line and line.endswith("?"), line
