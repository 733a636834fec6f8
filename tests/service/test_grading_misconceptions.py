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


def test_the_comment_offers_the_correction_of_a_stated_misconception(grader, entries) -> None:
    grade = grader.grade(entries[MOE], MOE_WRONG, "zh")
    fixes = [w.correct_zh for w in grade.wrong_statements if w.correct_zh]
    assert fixes and "top-k" in fixes[0]
    assert "正确的说法" in grade.feedback_zh and "What is true instead" in grade.feedback_en


@pytest.mark.parametrize(("entry_id", "answer", "language"), [
    # said the way the correction says it, though the reference never states the claim this way
    ("mixture-of-experts", "部署 MoE 的时候所有专家都得加载进显存，显存是按总参数量算的。", "zh"),
    ("mixture-of-experts", "With expert parallelism every MoE layer does two all-to-all exchanges.",
     "en"),
    ("kmeans-clustering", "k-means 一定会收敛，但只能收敛到局部最优，结果依赖初始化。", "zh"),
])
def test_a_clause_stating_the_correction_is_not_flagged(grader, entries, entry_id, answer,
                                                        language) -> None:
    grade = grader.grade(entries[entry_id], answer, language)
    assert not _misconceptions(grade), grade.wrong_statements


def test_a_misconception_said_another_way_is_flagged_with_its_own_words(grader, entries) -> None:
    grade = grader.grade(entries[MOE], "部署 MoE 只需要加载被激活的那几个专家，显存按激活参数量算就行。",
                         "zh")
    assert _misconceptions(grade), grade.wrong_statements


def test_a_tautology_around_the_topics_name_is_no_answer(grader, entries) -> None:
    answer = ("Policy gradients, right, that's the gradient of the policy. In reinforcement learning "
              "you have a policy, and you take its gradient, and that's the policy gradient.")
    grade = grader.grade(entries["policy-gradient"], answer, "en")
    assert grade.score == 0 and grade.hit == [], grade


@pytest.mark.parametrize(("answer", "flagged"), [
    # a swapped pair: embeddings cannot tell the two apart, the wording can (found in a walkthrough)
    ("Bagging mainly reduces bias and boosting mainly reduces variance, because boosting averages "
     "many independent trees.", True),
    ("Bagging mainly reduces variance and boosting mainly reduces bias, so bagging suits deep "
     "trees.", False),
])
def test_a_swapped_pair_said_word_for_word_is_told_by_its_wording(grader, entries, answer,
                                                                  flagged) -> None:
    grade = grader.grade(entries["random-forest-bagging"], answer, "en")
    assert bool(_misconceptions(grade)) is flagged, grade.wrong_statements
