"""Known misconceptions (``Entry.misconceptions``): a confidently wrong answer that states one is
named and scores lower, while a correct answer, a negated version and a conditional aside on the
same subject are not flagged. Uses the real embedding model and the saved knowledge index."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from knowledge.schema import Entry
from service.interview.grading import RubricGrader

MOE = "mixture-of-experts"
MOE_RIGHT = ("MoE 把 FFN 换成多个专家和一个 router，每个 token 只会被路由到 top-k 个专家，"
             "所以总参数量随专家数增长，但每个 token 的计算量只取决于 k。")
MOE_WRONG = ("MoE 的每个 token 都会被送进所有专家计算，router 再把所有专家的输出加权求和，"
             "所以总参数量随专家数增长。")


@pytest.fixture(scope="module")
def grader(knowledge_base, settings) -> RubricGrader:
    built = RubricGrader.from_index(knowledge_base.index)
    built.warm_up(settings.grader_passages_path)
    return built


@pytest.fixture(scope="module")
def entries(knowledge_base):
    return {e.id: e for e in knowledge_base.entries}


def _misconceptions(grade) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.quote for w in grade.wrong_statements if "misconception" in w.reason]


def test_stated_misconception_is_flagged_and_scores_lower(grader, entries) -> None:
    entry = entries[MOE]
    wrong = grader.grade(entry, MOE_WRONG, "zh")
    right = grader.grade(entry, MOE_RIGHT, "zh")
    assert _misconceptions(wrong), wrong.wrong_statements
    assert any("所有专家" in q for q in _misconceptions(wrong))
    assert wrong.score < right.score
    assert not _misconceptions(right), right.wrong_statements


@pytest.mark.parametrize("answer", [
    MOE_RIGHT,
    "MoE 并不是把每个 token 都送给所有专家，而是只激活 top-k 个专家。",
    "如果每个 token 都送进所有专家计算，那就和稠密模型一样贵了，所以 MoE 只选 top-k 个专家。",
    "MoE does not send every token through all of the experts; the router picks the top-k.",
])
def test_correct_negated_and_conditional_statements_are_not_flagged(grader, entries,
                                                                   answer) -> None:
    grade = grader.grade(entries[MOE], answer, "en" if answer.isascii() else "zh")
    assert not _misconceptions(grade), grade.wrong_statements


def test_schema_rejects_a_misconception_pointing_past_key_points(entries) -> None:
    data = entries[MOE].model_dump()
    data["misconceptions"] = [{"zh": "每个 token 都送进所有专家", "en": "every token goes to all experts",
                               "point": len(data["key_points"])}]
    with pytest.raises(ValidationError, match="points past key_points"):
        Entry.model_validate(data)
    data["misconceptions"][0]["point"] = 0
    assert Entry.model_validate(data).misconceptions[0].point == 0
