"""The evaluators' templated test messages shown in Chinese (a presentation-layer catalog): every
template the graders write, with the numbers, names and shapes kept exactly."""

from __future__ import annotations

import re

import pytest

from service.evaluator_text import localized, to_chinese
from service.schemas import CodeResult

CASES = [
    ("ok", "通过"),
    ("not run: the submission ran out of time before this test finished",
     "未运行：代码超时，没能跑到这个测试"),
    ("not run: the submission ran out of memory before this test finished",
     "未运行：内存超限，没能跑到这个测试"),
    ("not run: the process died before this test (signal 9)", "未运行：进程在这个测试之前退出（signal 9）"),
    ("out[0, 1]: expected 0.5, got 0.7 (2 of 6 elements differ; max abs error 0.2; shape (2, 3))",
     "out[0, 1]：应为 0.5，实际是 0.7（6 个元素中有 2 个不一致；最大绝对误差 0.2；形状 (2, 3)）"),
    ("out[2]: expected 1, got nan (1 of 4 elements differ; non-finite values; shape (4,))",
     "out[2]：应为 1，实际是 nan（4 个元素中有 1 个不一致；出现了 NaN 或 inf；形状 (4,)）"),
    ("attention: expected shape (2, 4, 8), got (2, 8, 4)",
     "attention：形状应为 (2, 4, 8)，实际是 (2, 8, 4)"),
    ("out: expected dtype float32 or float64, got int64",
     "out：dtype 应为 float32 或 float64，实际是 int64"),
    ("ZeroDivisionError at line 7: division by zero", "ZeroDivisionError（第 7 行）：division by zero"),
    ("your module failed to load: NameError at line 2: name 'np' is not defined",
     "代码加载失败：NameError（第 2 行）：name 'np' is not defined"),
    ("SyntaxError at line 3: invalid syntax", "SyntaxError（第 3 行）：invalid syntax"),
    ("time limit of 10 s exceeded", "超过时间限制（10 秒）"),
    ("memory limit of 512 MiB exceeded", "超过内存限制（512 MiB）"),
    ("uses a forbidden library call: torch.softmax; score capped at 0.5",
     "使用了禁止调用的库函数：torch.softmax；得分上限 0.5"),
    ("out should be a torch.Tensor, got ndarray of shape (2, 3) and dtype float64",
     "out 应该是 torch.Tensor，实际是形状 (2, 3)、dtype float64 的 ndarray"),
    ("keep should be a list of ints, got list of 3 items", "keep 应该是整数列表，实际是 3 个元素的 list"),
    ("empty submission: write the solution first", "提交为空：请先写出代码"),
]


@pytest.mark.parametrize("english, chinese", CASES)
def test_templates_are_translated(english: str, chinese: str) -> None:
    assert to_chinese(english) == chinese
    numbers = sorted(re.findall(r"\d+(?:\.\d+)?", english))
    assert sorted(re.findall(r"\d+(?:\.\d+)?", to_chinese(english))) == numbers  # none lost


def test_unknown_text_is_kept_and_english_readers_get_the_original() -> None:
    hint = "greedy_decode returned [1, 2], expected [1, 3] (prompt 0)"
    assert to_chinese(hint) == hint
    mixed = "loss: expected 0.693, got 0.5 — did you average over the batch?"
    assert to_chinese(mixed) == "loss：应为 0.693，实际是 0.5 — did you average over the batch?"
    assert localized(CASES[4][0], "en") == CASES[4][0] and localized(None, "zh") == ""


def test_api_results_carry_the_chinese_text() -> None:
    result = CodeResult.model_validate({
        "problem_id": "nms", "status": "timeout", "passed": False, "score": 0.0,
        "error": "time limit of 10 s exceeded",
        "tests": [{"name": "t", "passed": False, "message": CASES[1][0]}]})
    body = result.model_dump()
    assert body["error_zh"] == "超过时间限制（10 秒）"
    assert body["tests"][0]["message_zh"] == CASES[1][1]
