"""Résumé bugs a candidate saw (issue 13), each reproduced in every format before the fix:

* a project name kept "（ ‒ ）" and the period only the start date, because dash variants (‒ ‐ ‑
  − 〜 ——) were not read as a date range;
* the task column showed the second bullet ("针对小目标漏检…") instead of the first;
* "排名 15/120" lost "/120";
* "角" came out as the radical "⻆" (NFKC leaves the CJK Radicals Supplement alone).
"""

from __future__ import annotations

import time
import unicodedata

import pytest
from resume_fixtures import fixture_text, markdown_to_docx, text_to_pdf

from service.resume import ProjectClaim, extract_claims, extract_text
from service.resume.cjk import RADICAL_EQUIVALENTS
from service.resume.metrics import extract_metrics
from service.resume.normalize import normalize_text
from service.resume.vocab import DASH_CHARS

SOURCE = fixture_text("zh_typography.md")
# CJK Unified Ideographs (main block and extensions A–H) and the twelve unified ideographs that sit
# in the compatibility block (FA0E, FA0F, FA11, …), which NFKC rightly leaves alone.
_UNIFIED = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
            (0x30000, 0x323AF))
_UNIFIED_IN_COMPAT = frozenset(chr(c) for c in (0xFA0E, 0xFA0F, 0xFA11, 0xFA13, 0xFA14, 0xFA1F,
                                                0xFA21, 0xFA23, 0xFA24, 0xFA27, 0xFA28, 0xFA29))


def _unified(char: str) -> bool:
    return char in _UNIFIED_IN_COMPAT or any(lo <= ord(char) <= hi for lo, hi in _UNIFIED)
PERIODS = {"智能质检平台": ("2023.03", "2023.06"), "医学影像分割": ("2022.09", "2023.01"),
           "文本检索系统": ("2021.07", "2021.12"), "推荐排序模型": ("2021.01", "2021.05"),
           "强化学习抓取": ("2020.03", "2020.08"), "图像超分": ("2019.09", "2020.01"),
           "小程序开发": ("2018.09", "2019.01")}


def _as(kind: str) -> bytes:
    if kind == "pdf":
        return text_to_pdf(SOURCE, lines_per_page=20)
    if kind == "docx":
        return markdown_to_docx(SOURCE)
    return SOURCE.encode("utf-8")


@pytest.fixture(scope="module", params=["md", "txt", "pdf", "docx"])
def parsed(request: pytest.FixtureRequest) -> tuple[str, list[ProjectClaim]]:
    kind = request.param
    text = extract_text(_as(kind), f"cv.{kind}", None).text
    return text, extract_claims(text)


def _claim(claims: list[ProjectClaim], name: str) -> ProjectClaim:
    found = [c for c in claims if c.name == name]
    assert len(found) == 1, [c.name for c in claims]
    return found[0]


def test_date_ranges_with_any_dash_leave_clean_names_and_full_periods(
        parsed: tuple[str, list[ProjectClaim]]) -> None:
    _, claims = parsed
    for name, (start, end) in PERIODS.items():
        claim = _claim(claims, name)
        assert claim.period is not None and claim.period.startswith(start), claim.period
        assert claim.period.endswith(end), claim.period
    for claim in claims:
        assert not any(ch in claim.name for ch in "（）()" + DASH_CHARS), claim.name


def test_task_is_the_first_descriptive_bullet(parsed: tuple[str, list[ProjectClaim]]) -> None:
    _, claims = parsed
    assert _claim(claims, "智能质检平台").task == "基于 YOLOv8 搭建 PCB 缺陷检测系统，覆盖 6 类缺陷。"
    assert _claim(claims, "医学影像分割").task == "在 BraTS 2021 数据集上训练 nnU-Net，Dice 达到 0.89。"
    assert _claim(claims, "文本检索系统").task.startswith("使用 BERT 做语义召回")  # type: ignore[union-attr]


def test_ranks_keep_the_field_size(parsed: tuple[str, list[ProjectClaim]]) -> None:
    _, claims = parsed
    kaggle = _claim(claims, "Kaggle 肺部 CT 分割挑战赛")
    ranks = [m for m in kaggle.metrics if m.metric == "rank"]
    assert [(m.value, m.out_of, m.raw) for m in ranks] == [(15.0, 120.0, "排名 15/120")]
    tianchi = _claim(claims, "天池工业缺陷检测大赛")
    assert [m.raw for m in tianchi.metrics if m.metric == "rank"] == ["第 7 名/300 支队伍"]


def test_radicals_become_ideographs(parsed: tuple[str, list[ProjectClaim]]) -> None:
    text, claims = parsed
    assert "⻆" not in text and "担任角色：项目负责人" in text and "多视角融合" in text
    assert _claim(claims, "智能质检平台").role == "项目负责人"


@pytest.mark.parametrize("dash", [*DASH_CHARS, "——", " – ", " to ", "至"])
def test_every_dash_variant_is_a_range(dash: str) -> None:
    text = f"## 项目经历\n\n**检测系统（2023.03{dash}2023.06）**\n- 负责模型训练，mAP 达到 0.8。\n"
    claim = extract_claims(normalize_text(text, 10_000)[0])[0]
    assert claim.name == "检测系统"
    assert claim.period is not None and claim.period.endswith("2023.06")


def test_english_ranges_with_unicode_dashes() -> None:
    text = ("## Projects\n\n**Edge Detector (Mar 2023 \u2212 Jun 2023)**\n- Built a detector.\n\n"
            "**Speech Model | Sep 2022 \u2012 Present**\n- Trained a model.\n")
    claims = extract_claims(normalize_text(text, 10_000)[0])
    assert [(c.name, c.period) for c in claims] == [
        ("Edge Detector", "Mar 2023 \u2212 Jun 2023"), ("Speech Model", "Sep 2022 \u2012 Present")]


@pytest.mark.parametrize("body,task", [
    ("- 项目描述：为客服场景构建问答系统。\n- 针对长尾问题引入检索增强。", "为客服场景构建问答系统。"),
    ("- 负责数据清洗。\n- 项目旨在降低客服人力成本 30%。", "项目旨在降低客服人力成本 30%。"),
    ("- 时间：2023.03-2023.06\n- 角色：负责人\n- 搭建客服问答系统，日均 1 万次对话。\n- 针对长尾问题引入检索增强。",
     "搭建客服问答系统，日均 1 万次对话。"),
    ("- Built a customer-support QA bot serving 10k chats a day.\n- To address long-tail questions, "
     "added retrieval.", "Built a customer-support QA bot serving 10k chats a day."),
    ("- Goal: cut support cost.\n- Built a QA bot.", "cut support cost."),
])
def test_task_choice(body: str, task: str) -> None:
    text = f"## 项目经历\n\n**客服问答 2023.03-2023.06**\n{body}\n"
    assert extract_claims(normalize_text(text, 10_000)[0])[0].task == task


@pytest.mark.parametrize("text,expected", [
    ("Kaggle 比赛排名 15/120", ("rank", 15.0, 120.0, "排名 15/120")),
    ("排名 3 / 2,000 支队伍", ("rank", 3.0, 2000.0, "排名 3 / 2000 支队伍")),
    ("ranked #4 out of 1,200 teams", ("rank", 4.0, 1200.0, "ranked #4 out of 1200 teams")),
    ("第 12 名/450 支队伍", ("rank", 12.0, 450.0, "第 12 名/450 支队伍")),
    ("准确率 45/50", ("准确率", 45.0, 50.0, "准确率 45/50")),
    ("Top 5%", ("rank", 5.0, None, "Top 5%")),
])
def test_fractions_survive(text: str, expected: tuple[object, ...]) -> None:
    metric = extract_metrics(text)[0]
    assert (metric.metric, metric.value, metric.out_of, metric.raw) == expected


def test_radical_table_is_complete_for_the_supplement_block() -> None:
    for code in range(0x2E80, 0x2F00):
        char = chr(code)
        if unicodedata.category(char) == "Cn" or code == 0x2E80:  # unassigned / no equivalent
            continue
        assert code in RADICAL_EQUIVALENTS, hex(code)
    assert all(_unified(chr(target)) for target in RADICAL_EQUIVALENTS.values())


@pytest.mark.parametrize("block", [(0x2F00, 0x2FD5), (0xF900, 0xFAD9), (0x2F800, 0x2FA1D)])
def test_kangxi_radicals_and_compatibility_ideographs_fold(block: tuple[int, int]) -> None:
    text = "".join(chr(c) for c in range(block[0], block[1] + 1)
                   if unicodedata.category(chr(c)) != "Cn")
    folded, _ = normalize_text(text, 100_000)
    assert [hex(ord(ch)) for ch in folded if not _unified(ch)] == []


def test_examples_from_the_report() -> None:
    folded, _ = normalize_text("⻆色 ⻅解 ⻓期 ⻔户 ⾓度 ⽬标 \uf90f马 﨑", 1000)
    assert folded == "角色 见解 长期 门户 角度 目标 羅马 﨑"


def test_dash_runs_do_not_backtrack() -> None:
    hostile = "## 项目经历\n\n**项目（" + "‒" * 20_000 + "\n- 负责训练\n" + "2023.03" + "〜" * 5000
    start = time.perf_counter()
    extract_claims(normalize_text(hostile, 100_000)[0])
    assert time.perf_counter() - start < 2.0
