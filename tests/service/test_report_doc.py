"""The report as a document (Markdown + PDF from one content model), on recorded interviews.

The fixtures are whole interviews recorded through the real service (see
``fixtures/report/make_fixtures.py``): a 中文 one with a résumé, drilling, a Markdown-looking
answer, a failing then passing submission and 反问, and a short English one without a résumé.
"""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from evaluators.catalog import load_catalog
from knowledge.loader import load_entries
from service.interview.candidate_questions import classify_question
from service.report_doc import (
    KnowledgeCatalog,
    ReportDocument,
    build_document,
    escape,
    render_markdown,
    render_pdf,
)

FIXTURES = Path(__file__).parent / "fixtures" / "report"
REASON_CODES = ("no_model_specifics", "no_concrete_model", "hedging", "just_used_existing",
                "too_short", "no_numbers", "no_task_specifics", "novelty (", "no_submission",
                "vs said", "passed", "failed", "offline", "cv-intern", "assessment")


class _Entries:
    def __init__(self) -> None:
        self._by_id = {e.id: e for e in load_entries()}

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Any:
        return self._by_id[entry_id]


@pytest.fixture(scope="module")
def catalog() -> KnowledgeCatalog:
    titles = {pid: (p.title_zh, p.title_en) for pid, p in load_catalog().items()}
    return KnowledgeCatalog(_Entries(), titles)


def _recorded(name: str) -> dict[str, Any]:
    return dict(json.loads((FIXTURES / name).read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def zh(catalog: KnowledgeCatalog) -> tuple[dict[str, Any], ReportDocument, str]:
    data = _recorded("interview_zh.json")
    doc = build_document(data["report"], data["meta"], data["turns"], catalog)
    return data, doc, render_markdown(doc)


@pytest.fixture(scope="module")
def zh_pdf(zh: tuple[dict[str, Any], ReportDocument, str]) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(zh[1])))


def _answers(data: dict[str, Any], stages: tuple[str, ...]) -> list[str]:
    return [t["content"] for t in data["turns"]
            if t["role"] == "candidate" and t["stage"] in stages and t["kind"] == "answer"]


def test_markdown_has_every_question_and_answer(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    data, _, markdown = zh
    asked = [t["content"] for t in data["turns"] if t["role"] == "interviewer"
             and t["stage"] in ("intro", "project", "concept", "coding")
             and t["kind"] not in ("greet_and_ask_intro",)]
    for question in asked:
        assert escape(question) in markdown, question
    declines = [a for a in _answers(data, ("questions",)) if classify_question(a).category == "none"]
    for answer in _answers(data, ("intro", "project", "concept", "coding", "questions")):
        if answer in declines:  # "没有了，谢谢" ends the stage; it is not a question to coach
            continue
        for line in answer.strip().split("\n"):
            assert escape(line) in markdown, line


def test_chinese_report_has_no_ids_or_codes(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    data, _, markdown = zh
    markdown = re.sub(r"```python.*?```", "", markdown, flags=re.S)  # the candidate's own code
    ids = [c["entry_id"] for c in data["report"]["concepts"]] + [data["report"]["coding"]["problem_id"]]
    for raw in [*ids, *REASON_CODES, data["meta"]["created_at"][:16]]:
        assert raw not in markdown, raw
    assert "CV 算法实习" in markdown and "2026年12月5日 12:25" in markdown


def test_scores_grades_key_points_and_reference(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    data, doc, markdown = zh
    assert doc.overall == data["report"]["overall"]
    assert [s.label for s in doc.stages] == ["自我介绍", "项目拷打", "八股概念", "手撕代码"]
    weak = next(c for c in doc.concepts if c.score is not None and c.score < 30)
    assert weak.missed and weak.reference and weak.grade == "不足"
    strong = next(c for c in doc.concepts if c.score == 100)
    assert strong.hit and all(k.evidence for k in strong.hit)
    assert "**答到的要点**" in markdown and "**漏掉的要点**" in markdown and "**参考答案**" in markdown
    assert "你的原话：「" in markdown


def test_strengths_reflect_the_scores(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    _, doc, markdown = zh
    assert doc.coding is not None and doc.coding.best_score == 100
    labels = [s.label for s in doc.strengths]
    assert "手撕代码" in labels and any("· 任务" in s for s in labels)
    section = markdown.split("## 亮点")[1].split("## ")[0]
    assert "—" not in section and "手撕代码（100）" in section


def test_study_suggestions_by_title(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    _, doc, markdown = zh
    assert doc.study and all(not re.fullmatch(r"[a-z0-9_-]+", s.title) for s in doc.study)
    section = markdown.split("## 建议复习")[1].split("## ")[0]
    assert doc.study[0].title in section.replace("\\", "")


def test_code_and_test_table(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    data, doc, markdown = zh
    assert doc.coding is not None and doc.coding.passed and doc.coding.attempts == 2
    final = [t for t in data["turns"] if t["kind"] == "code"][-1]["content"]
    assert final.rstrip() in markdown and "```python" in markdown
    assert "| 用例 | 结果 | 说明 |" in markdown and "✓ 通过" in markdown
    assert doc.coding.title == "缩放点积注意力"


def test_candidate_questions_with_coaching(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    _, doc, markdown = zh
    assert doc.questions is not None
    assert [q.tone for q in doc.questions.items] == ["good", "poor"]
    assert doc.questions.items[1].better and "HR" in doc.questions.items[1].note
    assert "**你问的**：实习薪资多少？" in markdown and "可以换成" in markdown


def test_candidate_text_is_shown_as_written(zh: tuple[dict[str, Any], ReportDocument, str]) -> None:
    _, _, markdown = zh
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "3*3*64*128 + 128" in html and "<em>" not in html
    assert "&lt;b&gt;不是&lt;/b&gt;" in html and "$x$" in html
    assert "<ol" not in html.split("八股概念")[1].split("参考答案")[0]  # "1. …" is not a list


@pytest.mark.parametrize("text", ["3*3*64*128 + 128", "a_b_c __init__", "[link](x)", "<script>",
                                  "| a | b |", "# not a heading", "1. not a list", "- nor this",
                                  "> nor a quote", "$E=mc^2$", "`code`", "~~no~~", "\\ back"])
def test_escape_round_trips_through_a_markdown_renderer(text: str) -> None:
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(escape(text))
    plain = re.sub(r"<[^>]+>", "", html).strip()
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")
    assert plain == expected


def test_pdf_parses_embeds_the_font_and_holds_the_text(
        zh: tuple[dict[str, Any], ReportDocument, str], zh_pdf: PdfReader) -> None:
    _, doc, _ = zh
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in zh_pdf.pages))
    for needle in ["拷打面试报告", "CV算法实习", "手撕代码", doc.concepts[0].title, "你问的",
                   "3*3*64*128+128", "实习薪资多少"]:
        assert re.sub(r"\s+", "", needle) in text, needle
    embedded, images = set(), 0
    for page in zh_pdf.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if any(k.startswith("/FontFile") for k in descriptor):
                    embedded.add(str(font["/BaseFont"]))
        images += len(resources.get("/XObject", {}))
    assert any("MicroHei" in name or "CJK" in name for name in embedded), embedded
    assert images >= 2  # the stage chart and the question radar


def test_english_report(catalog: KnowledgeCatalog) -> None:
    data = _recorded("interview_en.json")
    doc = build_document(data["report"], data["meta"], data["turns"], catalog)
    markdown = render_markdown(doc)
    assert doc.language == "en" and doc.track == "CV algorithm internship"
    assert "## Scores by stage" in markdown and "5 Dec 2026, " in markdown
    assert not re.search(r"[\u4e00-\u9fff]", markdown.split("## Your questions")[0].split(
        "## Concept questions")[0])
    for answer in _answers(data, ("concept", "questions")):
        assert escape(answer.strip().split("\n")[0]) in markdown
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    assert "Kaoda interview report" in reader.pages[0].extract_text()


def test_preparation_sheet_either_shape_and_missing_fields(catalog: KnowledgeCatalog) -> None:
    data = _recorded("interview_zh.json")
    report = copy.deepcopy(data["report"])
    name = report["projects"][0]["name"]
    report["projects"][0]["preparation"] = {
        "missing_slots": [{"point": "model", "label": "参数量", "ask": "参数量多大？"}, "改了哪几层"],
        "techniques": [{"entry_id": "attention-mechanism", "title": ""},
                       {"entry_id": "no-such-entry"}, {"entry_id": "x", "title": "CBAM 注意力"}],
        "best_statements": [{"point": "data", "text": "自建 3.2 万张图片"}],
    }
    markdown = render_markdown(build_document(report, data["meta"], data["turns"], catalog))
    sheet = markdown.split("#### 项目包装")[1]
    assert escape("[模型] 参数量：参数量多大？") in sheet and "改了哪几层" in sheet
    assert "CBAM 注意力" in sheet and "attention-mechanism" not in sheet
    assert "no\\-such\\-entry" not in sheet and "no-such-entry" not in sheet
    assert escape("[数据] 自建 3.2 万张图片") in sheet

    report["projects"][0].pop("preparation")
    report["preparation"] = [{"project": name, "prepare": [{"point": "training", "slot": "lr",
                                                            "label": "学习率", "ask": "学习率多少？"}],
                              "techniques": [{"mention": "YOLOv8", "entry_id": "attention-mechanism",
                                              "question": "讲讲注意力"}],
                              "statements": [], "contradictions": ["mAP 0.786 vs said 0.84"]}]
    sheet = render_markdown(build_document(report, data["meta"], data["turns"], catalog))
    sheet = sheet.split("#### 项目包装")[1]
    assert escape("[训练] 学习率：学习率多少？") in sheet and "YOLOv8 → " in sheet
    assert "↔ 你说的是 0.84" in sheet and "vs said" not in sheet

    report["preparation"] = [{"project": name}]
    assert "项目包装" not in render_markdown(build_document(report, data["meta"], [], catalog))


def test_degrades_without_turns_or_fields(catalog: KnowledgeCatalog) -> None:
    doc = build_document({}, {"language": "zh"}, [], catalog)
    markdown = render_markdown(doc)
    assert markdown.startswith("# 拷打面试报告") and "没有进行到反问环节" in markdown
    data = _recorded("interview_zh.json")
    doc = build_document(data["report"], {**data["meta"], "ended_early": True}, [], catalog)
    markdown = render_markdown(doc)
    assert "只按已经问到的内容评分" in markdown and doc.concepts and doc.concepts[0].missed
    render_pdf(doc)


def test_long_and_hostile_interview_renders(catalog: KnowledgeCatalog) -> None:
    data = _recorded("interview_zh.json")
    turns = copy.deepcopy(data["turns"])
    hostile = "\x00\x07控制字符 🙂 emoji " + "很长的没有空格的一段话" * 300 + "\n" + "x" * 5000
    for turn in turns:
        if turn["role"] == "candidate" and turn["kind"] == "answer":
            turn["content"] = hostile
    long_turns = turns * 4  # a four-times-longer transcript with the same shapes
    doc = build_document(data["report"], data["meta"], long_turns, catalog)
    assert render_markdown(doc).count("很长的没有空格的一段话") >= 300
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    assert len(reader.pages) > 20
