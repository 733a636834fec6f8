"""Slot reading, model-free: forms from the fifth independent set's missed slots (a metric named
as liveness, robotics or serving people name it; a source the team collected, bought or had
labelled), evasions that must still fill nothing, and durations that are not sizes."""

from __future__ import annotations

import pytest

from service.interview.drilling.assess import SlotAssessor
from service.interview.drilling.evasion import find_evasions

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
    # a rate or a duration is not a dataset size ("5 minutes" once read as 5 million "inutes")
    ("data", "One frame every 5 minutes from each store camera.", "size", False),
    ("data", "Each clip is 2 minutes long, and labelling took 3 months.", "size", False),
    ("data", "We ended up with 2.3m frames from 38 stores.", "size", True),
    # forms from the seventh independent set's missed slots, each with a counterpart
    ("metrics", "指标用 CTS，在留出的 900 张上。", "metric", True),
    ("metrics", "It is scored with WQL over all quantiles.", "metric", True),
    ("metrics", "We evaluated on the test set.", "metric", False),
    ("model", "说话人编码我们换成了预训练的 wavlm-base-plus。", "change", True),
    ("model", "The change is in the decoder: every layer attends to the memory twice.", "change", True),
    ("model", "模型就是用的 YOLOv8m。", "change", False),
    ("model", "然后在 pitch 送进 decoder 之前加了一个平滑模块。", "change", True),
    ("contribution", "整体框架和论文写作是一作。", "team_split", True),
    ("contribution", "参数跟官方教程来的。", "team_split", False),
    ("difficulty", "最头疼的是长句子的停顿，错位率差不多有 20%。", "problem", True),
    ("difficulty", "Beyond 80 meters the recall was only about 35.", "problem", True),
    ("difficulty", "我试过降学习率、加 dropout，都不太行。", "solution", False),
    ("difficulty", "大概 3000 步以后就开始出现电音。", "solution", False),
    ("difficulty", "最后加了显式的停顿预测，长句错位率降到 8%。", "solution", True),
    ("novelty", "主要新在门控模块：不是直接相加，而是按置信度加权。", "what_new", True),
    # from a walkthrough: labelling quality and a fix's effect said the common Chinese way
    ("data", "外包 6 个人标，双人交叉质检，一致率 93%。", "labeling", True),
    ("data", "数据是公司给的，一共 5 万条。", "labeling", False),
    ("difficulty", "最后加了改写数据，长尾准确率提到 78%。", "effect", True),
    # from the ninth independent set and two walkthroughs: constraints, why, balance, test sets,
    # and what is no dataset size or test set
    ("task", "骁龙 778G 这种中端机要稳定 30 帧。", "scale", True),
    ("task", "要求是单段视频两秒内出结果。", "scale", True),
    ("task", "The whole scoring path has a 50-millisecond budget.", "scale", True),
    ("task", "输入是当前帧加前后各一帧。", "scale", False),
    ("task", "The old LightGBM only saw per-card aggregates, so it was blind to fraud rings.", "why",
     True),
    ("task", "It's basically fraud detection for online card payments.", "why", False),
    ("data", "Fraud rate is 0.11%, labels come from chargebacks.", "balance", True),
    ("metrics", "PR-AUC went from 0.214 to 0.297 on the Nov-Dec test months.", "test_set", True),
    ("metrics", "It's fraud detection for online card payments.", "test_set", False),
    ("data", "A 2-layer GraphSAGE, hidden size 128, fan-out 15 and 10.", "size", False),
    ("data", "输出 17 个 COCO 关键点，下游做 12 类动作计数。", "size", False),
    ("data", "自采了 860 段体操视频，抽帧标了四万一千帧。", "size", True),
    # from the tenth independent set: forms said plainly, each with a counterpart
    ("task", "目标就是把长尾词的 Recall@100 提上去，基线只有四成出头。", "goal", True),
    ("task", "Three scans in, one segmentation map out.", "io", True),
    ("metrics", "图像级 AUROC 从 91.2 到 94.0。", "metric", True),
    ("metrics", "Answer F1 on Qasper; ours beat the fixed-window chunking by 3.2 points.", "baseline",
     True),
    ("metrics", "Answer F1 on Qasper; ours beat the fixed-window chunking by 3.2 points.", "test_set",
     True),
    ("metrics", "Answer F1 went up by 3.2 points.", "test_set", False),
    ("model", "The change is on the decoder side: two extra cross-attention layers.", "change", True),
    ("model", "我在每个 block 后面插了一个语种 adapter。", "change", True),
    ("contribution", "That part was entirely mine: the sampler, the code and every experiment.",
     "own_part", True),
    ("contribution", "My supervisor only reviewed the draft.", "team_split", True),
    ("novelty", "新一点的地方是负样本不随机挑，而是挑旧版本的文章。", "what_new", True),
    ("novelty", "What's new relative to a vanilla pipeline is the sampler: stale pages as negatives.",
     "what_new", True),
    ("novelty", "常规做法是只在标注集上蒸馏。", "prior", True),
    ("novelty", "用的就是常规做法。", "prior", False),
    ("difficulty", "What actually worked was re-weighting the rare classes by their frequency.",
     "solution", True),
    ("data", "Labels were taken from the routing history; I re-audited 2k and found 6% noise.",
     "labeling", True),
    ("data", "The distribution is skewed: the top class is 40% of traffic.", "balance", True),
    ("data", "Labels were taken from the routing history.", "balance", False),
    # from a walkthrough: a requirement is no result
    ("metrics", "P99 要在 80 毫秒以内。", "result", False),
    ("metrics", "P99 最后做到了 62 毫秒。", "result", True),
]


@pytest.mark.parametrize(("point", "answer", "slot", "filled"), CASES)
def test_slot_forms(point: str, answer: str, slot: str, filled: bool) -> None:
    assessment = SlotAssessor().assess(point, answer)
    assert (slot in assessment.filled) is filled, assessment.filled


@pytest.mark.parametrize(("norm", "kind"), [
    ("lots of challenges", "generic"),  # vague, but asking "how many?" would be no fix
    ("遇到了很多问题", "generic"),
    ("数据挺多的", "quantity"),
    ("a lot of data", "quantity"),
])
def test_a_vague_quantity_of_things_that_are_not_counted_is_generic(norm: str, kind: str) -> None:
    assert [e.kind for e in find_evasions(norm)][:1] == [kind]


@pytest.mark.parametrize(("answer", "filled"), [
    ("The hardest part was that it was really difficult, but we solved it.", False),
    ("The hardest part was small gaps hidden behind price tags.", True),
    ("最难的是小目标漏检。", True),
])
def test_a_difficulty_must_be_about_something(answer: str, filled: bool) -> None:
    assert ("problem" in SlotAssessor().assess("difficulty", answer).filled) is filled


@pytest.mark.parametrize(("answer", "filled"), [
    ("On the partner's in-house hERG set we got 88.9 AUC, up from 86.1.", True),
    ("Success rate over 30 real-world trials per task: ours 77%, the baseline 63%.", True),
    ("Cable routing went from 47 to 60 percent.", False),  # "c-ab-le" is not an A/B test
    ("We ran an A/B test for two weeks: CTR +3.2%.", True),
])
def test_test_sets_named_in_passing(answer: str, filled: bool) -> None:
    assert ("test_set" in SlotAssessor().assess("metrics", answer).filled) is filled


@pytest.mark.parametrize(("answer", "filled"), [
    ("一共大概……32 亿条吧，正负比 1 比 28。", True),
    ("Success was mAP@0.5 on stores we never trained on.", False),  # a metric's IoU, not a size
])
def test_sizes_after_an_ellipsis_but_not_inside_a_metric(answer: str, filled: bool) -> None:
    assert ("size" in SlotAssessor().assess("data", answer).filled) is filled


def test_a_metric_named_while_answering_the_task_is_credited_to_the_metrics_point() -> None:
    """Asking "exactly which metric?" after "success was mAP@0.5 on unseen stores" is deaf."""
    assessment = SlotAssessor().assess(
        "task", "Input is a shelf photo, output is gap boxes; success was mAP@0.5 on unseen stores.")
    assert "goal" in assessment.filled and "metrics.metric" in assessment.credited


def test_dates_are_no_result_and_going_live_is_no_data_source() -> None:
    """Found in a walkthrough: a corrected internship period was credited as "你的结果", and a
    distilled model "上线时" as where the data came from."""
    dates = SlotAssessor().assess("task", "抱歉说错了，实习是半年，2025 年 3 月到 8 月。",
                                  known=frozenset({"metrics.metric"}))
    assert "metrics.result" not in dates.credited
    live = SlotAssessor().assess("model", "上线时再蒸馏回 6 层 MiniLM，单次 8 毫秒。")
    assert "data.source" not in live.credited and "arch" in live.filled


def test_a_label_scale_is_no_result() -> None:
    """Found in a walkthrough: "输出是 0 到 3 四档相关性" was credited as the metric's result."""
    task = SlotAssessor().assess("task", "输入是 query 和商品标题，输出是 0 到 3 四档相关性。",
                                 known=frozenset({"metrics.metric"}))
    assert "io" in task.filled and "metrics.result" not in task.credited
