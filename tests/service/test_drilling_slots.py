"""Slot reading, model-free: forms from the fifth independent set's missed slots (a metric named
as liveness, robotics or serving people name it; a source the team collected, bought or had
labelled), and evasions that must still fill nothing."""

from __future__ import annotations

import pytest

from service.interview.drilling.assess import SlotAssessor

CASES = [
    ("metrics", "业务测试集上 ACER 从 4.1 降到 1.5。", "metric", True),
    ("metrics", "On cable routing that's 21 successes out of 30 trials, versus 15 before.", "metric",
     True),
    ("metrics", "平均接受长度 3.4，独立 draft model 只有 2.0。", "metric", True),
    ("metrics", "TTFT P99 from 2.4 s down to 1.1 s.", "metric", True),
    ("metrics", "效果还可以，比之前好不少。", "metric", False),
    ("data", "门禁那个自采了 300 个人，每人拍了不同光照。", "source", True),
    ("data", "题目是内部分析师标的，一共一万多条。", "source", True),
    ("data", "We also bought 40 silicone masks as attacks.", "source", True),
    ("data", "OULU-NPU 一共四千九百多段视频，我们全用了。", "source", True),
    ("data", "数据都是公司内部的。", "source", False),
]


@pytest.mark.parametrize(("point", "answer", "slot", "filled"), CASES)
def test_slot_forms(point: str, answer: str, slot: str, filled: bool) -> None:
    assessment = SlotAssessor().assess(point, answer)
    assert (slot in assessment.filled) is filled, assessment.filled
