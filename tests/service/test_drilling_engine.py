"""The drilling state machine without models: a mapping of entries, a fake judge, patterns only.

What a demanding interviewer must do, checked move by move: press vague or evasive answers on
the same point (depth + 1) quoting the candidate's words and asking for the missing slots; let
concrete answers go; credit an answer given to another point and bring the candidate back;
confront a contradiction with the résumé in the very next line, once; probe a technique the
answer named; never repeat a line; never loop.
"""

from __future__ import annotations

from typing import Any

import pytest
from drilling_fakes import CV_CLAIM, POSE_CLAIM, SEG_CLAIM, FakeJudge, FakeKB

from service.interview.brains.offline import render
from service.interview.directives import Directive
from service.interview.drilling.flow import point_score
from service.interview.engine import InterviewEngine
from service.interview.planning import plan_interview
from service.interview.state import InterviewState, PointResult

SOURCE_WEAK = {  # the source candidate's answers, verbatim
    "task": "这个项目就是做工业零件的缺陷检测，效果还可以。",
    "model": "就是用的 YOLOv8 默认的结构，加了个 CBAM。",
    "training": "训练用的默认参数，跑了 100 个 epoch。",
    "data": "数据是工厂给的，我们自己标的。",
    "novelty": "创新点的话，主要是把 CBAM 用到这个场景。",
}
STRONG = {
    "task": "输入是产线相机拍的 2448×2048 零件图，输出划痕、凹坑两类缺陷的框和类别，要求漏检率低于 2%，单张 50 毫秒内。",
    "model": "backbone 是 YOLOv8s，我在 neck 的每个 C2f 后面加了 CBAM，因为划痕细长、背景纹理多。",
    "training": "SGD，初始学习率 0.01，cosine 衰减，batch size 32，训了 150 个 epoch，两张 3090 跑了 14 小时。",
    "data": "一共 1.2 万张，我和同学用 LabelImg 标的，两人交叉检查；按批次 8:1:1 划分，缺陷图里划痕占七成。",
    "difficulty": "难点是细小划痕漏检。我看特征图发现 P3 层下采样 8 倍后就没了，所以加了 P2 检测头，召回从 0.68 提到 0.85。",
    "novelty": "新的是 P2 检测头加 CBAM 的组合；消融里单加 CBAM 涨 2.1 个点，两个一起从 0.71 到 0.84。",
    "metrics": "mAP@0.5，在按批次划的 1200 张测试集上，原版 YOLOv8s 是 0.71，改进后 0.84。",
    "contribution": "模型改进和训练全是我做的，TensorRT 部署也是我写的；标注是我和另一个同学分的，相机是厂里工程师负责。",
    "technique": "通道注意力先对特征做全局平均和最大池化，过共享 MLP 得到通道权重；空间注意力在通道维池化后过 7x7 卷积。",
}


def engine(kb: FakeKB | None = None, judge: FakeJudge | None = None) -> InterviewEngine:
    return InterviewEngine(kb or FakeKB(), judge or FakeJudge(), {})  # type: ignore[arg-type]


def start(length: str = "standard", claims: list[dict[str, Any]] | None = None,
          language: str = "zh") -> tuple[InterviewEngine, InterviewState, Directive]:
    eng = engine()
    state = plan_interview(entries=eng.kb.entries, track="cv-intern", language=language,
                           length=length, claims=claims or [CV_CLAIM], seed=1,  # type: ignore[arg-type]
                           recently_asked=set(), available_problems=set())
    eng.opening(state)
    step = eng.on_message(state, "我是王磊，华科硕士，做过 YOLOv8 缺陷检测和分割项目。")
    return eng, state, step.directive


def test_each_source_answer_is_pressed_naming_what_was_said() -> None:
    eng, state, directive = start()
    seen = 0
    for _ in range(40):
        if state.stage != "project":
            break
        point = directive.point
        answer = SOURCE_WEAK.get(point or "", STRONG.get(point or "", "不知道"))
        if directive.depth > 0 or point not in SOURCE_WEAK:
            directive = eng.on_message(state, STRONG.get(point or "", "不知道")).directive
            continue
        press = eng.on_message(state, answer).directive
        line = render(press)
        assert press.point == point and press.depth == 1, (point, press)
        assert press.quote and press.quote in answer and f"「{press.quote}」" in line
        assert press.asks and all(ask in line for ask in press.asks)
        seen += 1
        directive = eng.on_message(state, STRONG[point]).directive  # concrete: let go
        assert directive.point != point
    assert seen == len(SOURCE_WEAK)


def test_evasions_are_never_content_and_defaults_name_the_model() -> None:
    eng, state, directive = start()
    while directive.point != "training":
        directive = eng.on_message(state, STRONG[directive.point or "task"]).directive
    press = eng.on_message(state, SOURCE_WEAK["training"]).directive
    result = state.projects[0].point("training")
    assert result is not None and set(result.slots) == {"epochs"}
    assert "lr" in result.evaded and press.quote_kind == "default"
    assert press.technique == "YOLOv8s"  # the model the candidate named, for "its defaults"
    assert "YOLOv8s" in render(press) and "training.lr" in press.slots


def test_strong_candidate_moves_through_all_eight_points_without_a_press() -> None:
    eng, state, directive = start()
    asked = []
    for _ in range(20):
        if state.stage != "project":
            break
        asked.append((directive.point, directive.depth))
        directive = eng.on_message(state, STRONG[directive.point or "task"]).directive
    assert [p for p, _ in asked if p != "technique"] == [
        "task", "model", "training", "data", "difficulty", "novelty", "metrics", "contribution"]
    assert [p for p, _ in asked].count("technique") == 1  # one probe into a named technique
    assert all(depth == 0 for _, depth in asked)
    scores = [p.score for p in state.projects[0].points]
    assert min(scores) >= 75


def test_weak_candidate_is_pressed_to_the_limit_and_never_loops() -> None:
    eng, state, directive = start(length="short")
    trail = []
    for _ in range(30):
        if state.stage != "project":
            break
        trail.append((directive.point, directive.depth))
        directive = eng.on_message(state, "嗯，这个就是常规的做法，效果还可以。").directive
    assert trail == [(p, d) for p in ("task", "model", "data", "difficulty") for d in (0, 1, 2)]
    assert state.stage == "concept"
    assert all(p.score < 40 for p in state.projects[0].points)


def test_off_point_answer_is_credited_and_the_candidate_brought_back() -> None:
    eng, state, directive = start()
    directive = eng.on_message(state, STRONG["task"]).directive
    assert directive.point == "model"
    back = eng.on_message(state, "最后效果是 mAP@0.5 从 0.71 提到了 0.84，测试集是按批次划的 1200 张。").directive
    assert back.point == "model" and back.depth == 1 and back.quote_kind == "off_point"
    assert "回到模型" in render(back)
    metrics = state.projects[0].point("metrics")
    assert metrics is not None and {"metric", "result", "baseline", "test_set"} <= set(metrics.slots)
    asked = []
    directive = back
    while state.stage == "project":
        asked.append(directive.point)
        directive = eng.on_message(state, STRONG[directive.point or "task"]).directive
    assert "contribution" in asked and "metrics" not in asked  # credited in full: not asked


def test_contradiction_is_confronted_in_the_next_line_once() -> None:
    eng, state, directive = start()
    while directive.point != "metrics":
        directive = eng.on_message(state, STRONG[directive.point or "task"]).directive
    said = "mAP 其实也就涨了 2 个点左右。"
    confront = eng.on_message(state, said).directive
    line = render(confront)
    assert confront.point == "metrics" and confront.depth == 1 and confront.contradiction
    assert "0.71" in line and "0.84" in line and "涨了 2 个点" in line
    again = eng.on_message(state, said).directive
    assert not again.contradiction  # the same clash is not confronted twice
    turns = 2
    while state.stage == "project" and again.point == "metrics":
        again = eng.on_message(state, said).directive
        turns += 1
    assert turns <= 4


def test_no_line_is_repeated_within_an_interview() -> None:
    eng, state, directive = start(length="full", claims=[CV_CLAIM, SEG_CLAIM, POSE_CLAIM])
    lines = [render(directive)]
    for _ in range(80):
        if state.stage not in ("project", "concept"):
            break
        directive = eng.on_message(state, "不知道").directive
        lines.append(render(directive))
    assert len(lines) > 30 and len(set(lines)) == len(lines)


def test_full_drills_three_projects_standard_one() -> None:
    _, full, _ = start(length="full", claims=[CV_CLAIM, SEG_CLAIM, POSE_CLAIM])
    assert [len(p.points) for p in full.projects] == [8, 5, 5]
    _, standard, _ = start(length="standard", claims=[CV_CLAIM, SEG_CLAIM, POSE_CLAIM])
    assert len(standard.projects) == 1 and len(standard.projects[0].points) == 8


def test_technique_probe_is_a_new_point_graded_by_the_judge() -> None:
    judge = FakeJudge(scores=[40, 90])
    eng = engine(judge=judge)
    state = plan_interview(entries=eng.kb.entries, track="cv-intern", language="zh",
                           length="standard", claims=[CV_CLAIM], seed=1,
                           recently_asked=set(), available_problems=set())
    eng.opening(state)
    eng.on_message(state, "我是王磊。")
    eng.on_message(state, STRONG["task"])
    probe = eng.on_message(state, STRONG["model"]).directive  # names YOLOv8s and CBAM
    assert probe.point == "technique" and probe.depth == 0
    assert probe.entry_id in ("yolo-family", "se-cbam-attention") and probe.technique
    follow = eng.on_message(state, "就是加权一下。")
    assert follow.grade is not None and follow.directive.point == "technique"
    assert follow.directive.depth == 1
    nxt = eng.on_message(state, "通道注意力先做全局池化再过 MLP。")
    assert nxt.directive.point == "training" and [c[0] for c in judge.calls] == [probe.entry_id] * 2
    assert state.probes and state.probes[0].asked_in == "project"


def test_concepts_start_with_the_candidates_techniques() -> None:
    eng, state, directive = start(claims=[CV_CLAIM, SEG_CLAIM])
    linked = {link["entry_id"] for link in state.linked}
    assert {"yolo-family", "se-cbam-attention", "nnunet"} <= linked
    assert "unet" not in linked and "reproducibility" not in linked  # nnU-Net ≠ U-Net
    for _ in range(40):
        if state.stage != "project":
            break
        directive = eng.on_message(state, "不知道").directive
    assert directive.kind == "ask_concept" and directive.technique
    concepts = state.concepts
    assert concepts[0].linked_from and concepts[0].link_source == "resume"
    assert any(c.linked_from is None for c in concepts)  # one question by track remains
    assert "「" in render(directive) and "简历" in render(directive)


def test_a_concept_the_candidate_does_not_know_is_not_pressed_deeper() -> None:
    """"I don't know" earns the next question, not "let's go one level deeper"; an attempt that
    ticks nothing gets a follow-up that does not call itself deeper."""
    eng, state, directive = start(claims=[CV_CLAIM])
    for _ in range(40):
        if state.stage != "project":
            break
        directive = eng.on_message(state, "不知道").directive
    assert directive.kind == "ask_concept"
    first = directive.entry_id
    nxt = eng.on_message(state, "不知道。").directive
    assert nxt.kind == "ask_concept" and nxt.entry_id != first
    eng.judge.scores.append(0)  # type: ignore[attr-defined]
    follow = eng.on_message(state, "大概就是让训练更稳定一点吧。").directive
    assert follow.kind == "concept_follow_up" and follow.score == 0
    assert render(follow).startswith(("换个具体的点问", "先从一个具体的点说起"))


def test_skip_and_injection_count_as_empty_answers() -> None:
    eng, state, _ = start()
    step = eng.on_message(state, "下一题")
    assert step.flags == ["skip"] and step.directive.point == "task"
    assert step.directive.depth == 1 and step.directive.quote_kind == "empty"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_state_round_trips_mid_drill(language: str) -> None:
    eng, state, _ = start(language=language)
    eng.on_message(state, SOURCE_WEAK["task"])
    restored = InterviewState.model_validate(state.model_dump())
    assert restored == state
    old = state.model_dump()
    for key in ("said", "linked", "probes", "mentions"):
        old.pop(key)
    for project in old["projects"]:
        for key in ("ledger", "techniques", "probes", "probe"):
            project.pop(key)
    assert InterviewState.model_validate(old).projects[0].name == CV_CLAIM["name"]


def test_english_press_quotes_and_asks() -> None:
    claim = {"name": "Clinical NER", "kind": "project", "metrics": [], "methods": ["BioBERT"],
             "raw": "Built a BioBERT + CRF tagger; entity-level F1 improved from 0.81 to 0.88."}
    eng, state, directive = start(language="en", claims=[claim])
    press = eng.on_message(state, "It was NER on clinical notes, to help the doctors.").directive
    line = render(press)
    assert press.depth == 1 and '"' + (press.quote or "") + '"' in line
    directive = eng.on_message(state, "Notes come in as raw text and we return drug and dose "
                                      "spans; the target was adverse-event recall above 0.85.").directive
    assert directive.point == "model"
    clash = eng.on_message(state, "BioBERT with a CRF on top; F1 went up to around 0.92.").directive
    assert clash.contradiction and "0.81" in render(clash) and "0.92" in render(clash)


def test_a_claim_that_did_not_match_costs_more_than_a_press() -> None:
    given = {"loss": "BCE", "optimizer": "Adam", "lr": "3e-3", "batch": "4096", "epochs": "12"}
    plain = PointResult(point="training", slots=dict(given))
    caught = PointResult(point="training", slots=dict(given),
                         contradictions=["4× A100 vs said eight A100s"])
    assert point_score(caught, 1) == point_score(plain, 1) - 10 < point_score(plain, 0)
