"""手撕 talk: the approach the interviewer asked for is recognised and assessed (idea, time and space
complexity, edge cases), bug talk after a failing run is fine, questions and pasted code are told
apart — in Chinese and English, on three problems."""

from __future__ import annotations

import pytest

from knowledge.loader import load_entries
from service.interview.coding_talk import (
    CodingProblem,
    assess_coding_message,
    problem_from_entry,
)

ENTRIES = {e.id: e for e in load_entries() if e.kind == "coding"}


def _problem(problem_id: str) -> CodingProblem:
    return problem_from_entry(problem_id, problem_id, ENTRIES.get(problem_id))


APPROACHES = [  # (problem, message, time, space, edges?, move)
    ("nms", "先按分数降序排序，每次取最高分的框保留，再计算它和剩余框的 IoU，删掉 IoU 大于阈值的框，"
            "重复直到为空。时间复杂度 O(n^2)，空间 O(n)。边界：空输入直接返回空列表。",
     "O(n^2)", "O(n)", True, "let_code"),
    ("nms", "I'd sort by score, then repeatedly keep the best box and drop every remaining box "
            "whose IoU with it is above the threshold. That's O(n^2) time and O(n) extra space.",
     "O(n^2)", "O(n)", False, "let_code"),
    ("scaled_dot_product_attention",
     "Q 乘 K 的转置再除以根号 d_k，加上 mask 以后做 softmax，softmax 前减去最大值保证数值稳定，"
     "最后乘 V。复杂度是 O(n^2 d)，显存是 O(n^2)。", "O(n^2d)", "O(n^2)", True, "let_code"),
    ("scaled_dot_product_attention", "就是 softmax(QK^T/√d)V，然后 mask 的位置填负无穷",
     None, None, True, "ask_complexity"),
    ("batch_norm", "训练时沿 batch 维求均值和有偏方差做归一化，然后用 momentum 更新 running_mean，"
                   "running_var 用无偏方差；推理时用 running 统计量。时间线性，O(NC)。",
     "线性", None, False, "let_code"),
    ("batch_norm", "The complexity is linear in N times C.", "linear", None, False, "ask_idea"),
]


@pytest.mark.parametrize("problem_id,text,time_c,space_c,edges,move", APPROACHES)
def test_approach_explanations_are_accepted_and_assessed(
        problem_id: str, text: str, time_c: str | None, space_c: str | None, edges: bool,
        move: str) -> None:
    talk = assess_coding_message(text, _problem(problem_id))
    assert talk.kind == "approach" and talk.suggested == move
    assert talk.time_complexity == time_c and talk.space_complexity == space_c
    assert bool(talk.edge_cases) == edges
    assert ("space_complexity" in talk.missing) == (space_c is None)


def test_key_idea_uses_the_problems_own_cues() -> None:
    talk = assess_coding_message("用 running_mean 和无偏方差 ddof=1 来更新统计量",
                                 _problem("batch_norm"))
    assert talk.key_idea and {"running_mean", "ddof=1"} <= set(talk.idea_cues)


@pytest.mark.parametrize("text,cause,fix,names,move", [
    ("刚才 equal_iou_threshold 没过，因为我用了 >= 而不是 >，改成严格大于就行", True, True, True, "rerun"),
    ("边界那个用例挂了，我忘了 IoU 等于阈值的框要保留", True, False, False, "ask_fix"),
    ("The threshold test failed because I compared with >=; I'll change it to >.", True, True,
     True, "rerun"),
    ("不知道哪里错了", False, False, False, "ask_fix"),
])
def test_bug_talk_after_a_failing_run(text: str, cause: bool, fix: bool, names: bool,
                                      move: str) -> None:
    talk = assess_coding_message(text, _problem("nms"), "after_fail",
                                 failing_test="equal_iou_threshold")
    assert talk.kind == "bug" and talk.suggested == move
    assert (talk.cause_stated, talk.fix_stated, talk.names_failing_test) == (cause, fix, names)


@pytest.mark.parametrize("text,topic", [
    ("可以用 numpy 吗？", "libraries"), ("Can I use torch.nn.functional here?", "libraries"),
    ("输入 boxes 的形状是什么？", "io_format"), ("What should the function return?", "io_format"),
    ("N 最大是多少？", "constraints"), ("能给点提示吗", "hint"), ("还有多长时间？", "time"),
])
def test_questions_about_the_problem(text: str, topic: str) -> None:
    talk = assess_coding_message(text, _problem("nms"))
    assert talk.kind == "question" and talk.question_topic == topic
    assert talk.suggested == "answer_question"


@pytest.mark.parametrize("text,kind,move", [
    ("def nms(boxes, scores, thr):\n    keep = []\n    order = scores.argsort()[::-1]\n"
     "    return keep", "code", "use_editor"),
    ("```python\nx = softmax(q @ k.T)\n```", "code", "use_editor"),
    ("我没思路，不知道怎么写", "stuck", "nudge"), ("I'm stuck, no idea where to start", "stuck", "nudge"),
    ("好的", "other", "carry_on"), ("写完了", "other", "carry_on"),
])
def test_code_stuck_and_other(text: str, kind: str, move: str) -> None:
    talk = assess_coding_message(text, _problem("nms"))
    assert (talk.kind, talk.suggested) == (kind, move)


def test_a_new_approach_after_a_failure_is_still_an_approach() -> None:
    talk = assess_coding_message("我换个思路：先排序，再用向量化一次算出所有 IoU，时间 O(n^2)，空间 O(n^2)",
                                 _problem("nms"), "after_fail")
    assert talk.kind == "approach" and talk.space_complexity == "O(n^2)"


def test_huge_input_is_cheap() -> None:
    talk = assess_coding_message("O(" * 20_000 + "排序" * 5000, _problem("nms"))
    assert talk.kind in ("approach", "other", "question")
