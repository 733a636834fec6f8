"""The candidate's side of the interview, move by move, without models (issue 13).

Coding stage: the approach the interviewer asks for is accepted and assessed, then the candidate
codes; after a failing run, talking about the bug is fine; questions about the problem are
pointed back to the statement; giving up moves on. 反问: answered in general terms about the role
for the track, the last one in the closing line. Ending early closes the interview and says so.
Every interviewer line asks and never states technical content of its own.
"""

from __future__ import annotations

import re

import pytest
from drilling_fakes import FakeJudge, FakeKB

from evaluators.result import GradeResult, Isolation, TestResult
from service.interview.brains.offline import render
from service.interview.engine import InterviewEngine
from service.interview.report import stage_scores
from service.interview.state import CodingProgress, InterviewState

REFUSAL = re.compile(r"不能跳过|按流程来|can't skip|stick to the process")
APPROACH = ("先对每一行减去最大值保证数值稳定，再取 exp，然后按行求和归一化。"
            "时间复杂度 O(n·d)，空间复杂度 O(n·d)，空输入和全是 -inf 的行要单独处理。")


def engine() -> InterviewEngine:
    return InterviewEngine(FakeKB(), FakeJudge(), {"softmax": ("Softmax 函数", "Softmax")})  # type: ignore[arg-type]


def coding_state(language: str = "zh", length: str = "standard") -> InterviewState:
    return InterviewState(track="llm-algorithm", language=language, length=length,  # type: ignore[arg-type]
                          stage="coding", coding=CodingProgress(problem_id="softmax"))


def failing(score: float = 0.5) -> GradeResult:
    return GradeResult(problem_id="softmax", status="failed", passed=False, score=score,
                       isolation=Isolation(level="full"),
                       tests=[TestResult(name="rows_sum_to_one", passed=False,
                                         message="out[0]: expected 0.5, got 0.7 (2 of 6 elements "
                                                 "differ; max abs error 0.2; shape (2, 3))")])


def say(eng: InterviewEngine, state: InterviewState, text: str) -> tuple[str, str]:
    step = eng.on_message(state, text)
    return step.directive.kind, render(step.directive)


def test_the_approach_before_coding_is_accepted_and_assessed() -> None:
    eng, state = engine(), coding_state()
    kind, line = say(eng, state, APPROACH)
    assert kind == "coding_talk" and not REFUSAL.search(line)
    assert "O(n·d)" in line and "提交" in line  # their complexity, then: go and write it
    assert state.stage == "coding"
    approach = state.coding.approach  # type: ignore[union-attr]
    assert approach and approach["key_idea"] and approach["time"] == "O(n·d)"
    assert "stability" in approach["edge_cases"] and approach["missing"] == []


def test_an_approach_without_complexity_is_asked_for_it() -> None:
    eng, state = engine(), coding_state()
    kind, line = say(eng, state, "我先对每一行减去最大值，再取 exp，然后按行求和做归一化。")
    assert kind == "coding_talk" and "复杂度" in line and line.endswith("？")
    assert state.coding.approach["missing"][:1] == ["time_complexity"]  # type: ignore[index,union-attr]


def test_questions_about_the_problem_point_back_to_the_statement_without_hints() -> None:
    eng, state = engine(), coding_state()
    _, libraries = say(eng, state, "可以用 torch.softmax 吗？")
    assert "题面" in libraries and "torch.softmax" not in libraries
    _, hint = say(eng, state, "能给点提示吗？")
    assert "提示我不给" in hint and hint.endswith("？")


def test_code_pasted_into_the_chat_is_sent_to_the_editor() -> None:
    eng, state = engine(), coding_state("en")
    kind, line = say(eng, state, "```python\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum()\n```")
    assert kind == "coding_talk" and "editor" in line and "not run" in line


def test_talking_about_the_bug_after_a_failing_run_is_fine() -> None:
    eng, state = engine(), coding_state()
    eng.on_code(state, failing())
    kind, line = say(eng, state, "因为我忘了减去最大值，数值溢出了，我改成先减 max 再 exp。")
    assert kind == "coding_talk" and not REFUSAL.search(line) and "再提交" in line
    kind, line = say(eng, state, "是 rows_sum_to_one 这个用例错了，原因是归一化的维度写错了。")
    assert kind == "coding_talk" and "怎么改" in line  # a cause without a fix: how will you fix it
    assert state.stage == "coding"
    eng.on_code(state, failing(1.0).model_copy(update={"status": "passed", "passed": True,
                                                      "tests": []}))
    kind, _ = say(eng, state, "时间复杂度 O(n)，空间 O(n)。")
    assert kind == "invite_questions" and state.stage == "questions"


def test_saying_twice_you_are_stuck_gives_up_and_scores_zero() -> None:
    eng, state = engine(), coding_state()
    kind, line = say(eng, state, "我没思路。")
    assert kind == "coding_talk" and "最直接的做法" in line
    kind, line = say(eng, state, "真的不会，卡住了。")
    assert kind == "invite_questions" and line.startswith("好，这道题先到这里。")
    assert stage_scores(state)["coding"] == 0.0


@pytest.mark.parametrize(("language", "ask", "moved_on"), [
    ("en", "Could we skip the coding part? I'd rather move on.", "All right, let's leave this problem here."),
    ("zh", "这题能跳过吗？", "好，这道题先到这里。"),
])
def test_asking_twice_to_skip_the_code_leaves_it_unsolved_instead_of_looping(
        language: str, ask: str, moved_on: str) -> None:
    eng, state = engine(), coding_state(language)
    kind, line = say(eng, state, ask)
    assert kind == "refuse_skip"
    kind, line = say(eng, state, ask)
    assert kind == "invite_questions" and line.startswith(moved_on), line
    assert stage_scores(state)["coding"] == 0.0 and state.skip_attempts == 2


def test_chat_after_a_failing_run_still_ends_the_stage() -> None:
    eng, state = engine(), coding_state()
    eng.on_code(state, failing())
    kinds = [say(eng, state, "嗯嗯")[0] for _ in range(2)]
    assert kinds == ["coding_feedback", "invite_questions"]


def test_no_coding_line_states_technical_content() -> None:
    eng = engine()
    for text in (APPROACH, "先排序。", "我没思路", "输入是什么形状？", "要求什么复杂度？", "好的"):
        state = coding_state()
        line = say(eng, state, text)[1]
        assert not re.search(r"O\(|对数|线性|减去最大值|exp", line.replace("O(n·d)", "")), line


@pytest.mark.parametrize("track, words", [
    ("cv-intern", "检测"), ("llm-algorithm", "微调"), ("research-scientist", "论文"),
    ("ml-fundamentals", "AB")])
def test_candidate_questions_are_answered_in_general_terms_per_track(track: str,
                                                                     words: str) -> None:
    eng = engine()
    state = InterviewState(track=track, language="zh", length="standard", stage="questions")  # type: ignore[arg-type]
    kind, line = say(eng, state, "实习生平时主要做什么？")
    assert kind == "answer_candidate_question" and words in line
    assert "不方便给确切答复" not in line and line.endswith("还有别的问题吗？")
    kind, line = say(eng, state, "团队怎么评价实习生做得好不好？")  # the last one: answered, then closed
    assert kind == "close" and state.stage == "closed"
    assert line.index("今天就到这里") > 0 and "还有别的问题吗" not in line
    assert state.question_categories == ["role", "evaluation"]


def test_salary_is_deferred_and_no_more_questions_closes() -> None:
    eng = engine()
    state = InterviewState(track="cv-intern", language="en", length="full", stage="questions")  # type: ignore[arg-type]
    kind, line = say(eng, state, "What is the salary for this internship?")
    assert kind == "answer_candidate_question" and "HR" in line
    kind, line = say(eng, state, "No more questions, thanks.")
    assert kind == "close" and "That's it for today" in line


def test_ending_early_closes_and_says_it_is_scored_on_what_was_asked() -> None:
    eng = engine()
    state = InterviewState(track="cv-intern", language="zh", length="standard", stage="concept")  # type: ignore[arg-type]
    step = eng.end_early(state)
    assert step.finished and state.stage == "closed"
    assert state.ended_early and state.ended_in_stage == "concept"
    assert "只按已经问到的内容评分" in render(step.directive)
    with pytest.raises(ValueError):
        eng.end_early(state)
