"""The LLM brain may rephrase the 反问 answer and the coding-stage replies, but it must not read
its prompt back ("面试官要说：…"), drop the planned answer, or add facts of its own; each such line
falls back to the offline brain before the candidate sees anything. Real ``openai`` client, a
scripted fake server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest
from fake_openai import FakeOpenAI, Reply

from service.interview.brains.llm import LLMBrain
from service.interview.brains.offline import OfflineBrain, render
from service.interview.brains.registry import speak_text
from service.interview.candidate_questions import plan_answer
from service.interview.directives import Directive

QUESTION = "您觉得实习生平时主要做什么？"
PLAN = plan_answer(QUESTION, "cv-intern", "zh")
ANSWER = Directive(kind="answer_candidate_question", language="zh", track="cv-intern",
                   candidate_text=QUESTION,
                   extra={"body": PLAN.body, "invite": PLAN.invite, "category": PLAN.category})


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def speak(fake: FakeOpenAI, reply: str, directive: Directive = ANSWER,
          style: str = "rewrite") -> tuple[str, str]:
    fake.reset()
    fake.push(Reply(text=reply))
    client = openai.OpenAI(base_url=fake.base_url, api_key="k", timeout=5, max_retries=0)
    return speak_text(LLMBrain(client, "m", style=style), OfflineBrain(), directive)


@pytest.mark.parametrize("style", ["rewrite", "directive"])
@pytest.mark.parametrize("reply", [
    "面试官要说：「你问的是「您觉得实习生平时主要做什么」。」还有别的问题吗？",  # the bug as seen
    "你问的是「您觉得实习生平时主要做什么」。面试官要说：还有别的问题吗？",
    "这个方向的实习生一般会跟一个具体的视觉课题，比如检测、分割。改写后的台词：还有别的问题吗？",
])
def test_a_line_that_reads_the_prompt_back_falls_back(fake: FakeOpenAI, reply: str,
                                                      style: str) -> None:
    text, brain = speak(fake, reply, style=style)
    assert brain == "offline (fallback)"
    assert text == render(ANSWER) and "面试官要说" not in text and PLAN.body in text


def test_a_line_without_the_planned_answer_falls_back(fake: FakeOpenAI) -> None:
    text, brain = speak(fake, "你问的是「您觉得实习生平时主要做什么」。还有别的问题吗？")
    assert brain == "offline (fallback)" and PLAN.body in text


def test_a_line_that_invents_facts_falls_back(fake: FakeOpenAI) -> None:
    text, brain = speak(fake, "我们组有 50 个实习生，转正率 90%，每天都在做检测和分割。还有别的问题吗？")
    assert brain == "offline (fallback)" and "50" not in text and "90%" not in text


def test_a_faithful_rephrasing_is_spoken(fake: FakeOpenAI) -> None:
    reply = ("一般来说，这个方向的实习生会跟一个具体的视觉课题，比如检测、分割或者多模态：看论文和复现、整理数据和标注规范、"
             "跑对比实验，效果稳定了再考虑往线上推。你还有别的问题吗？")
    text, brain = speak(fake, reply)
    assert brain == "llm:m" and text == reply


def test_a_coding_reply_may_not_state_a_complexity(fake: FakeOpenAI) -> None:
    directive = Directive(kind="coding_talk", language="zh", problem_id="softmax",
                          problem_title="Softmax", candidate_text="我先减最大值再 exp，再归一化。",
                          extra={"talk": "approach", "move": "ask_complexity",
                                 "missing": ["time_complexity"]})
    text, brain = speak(fake, "这个做法的时间复杂度是 O(n)，空间复杂度 O(1)，对吗？", directive)
    assert brain == "offline (fallback)" and "O(n)" not in text and "复杂度" in text
