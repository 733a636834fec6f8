"""The document as PDF (fpdf2): the same content as the Markdown, with the charts as images and
the CJK font embedded (subset), so it opens the same everywhere.

Text is drawn as given (no markup is interpreted); characters the font cannot draw and control
characters are dropped by ``_clean``. Rendering is CPU-bound and synchronous: a web route should run
it in a worker thread. Errors from the PDF library surface as :class:`PdfRenderError`.
"""

from __future__ import annotations

import io
import re
from typing import Any

from service.report_doc import labels
from service.report_doc.charts import bar_chart, radar_chart
from service.report_doc.fonts import find_cjk_font, find_fallback_font
from service.report_doc.model import (
    CodingSection,
    ConceptSection,
    Exchange,
    Preparation,
    ProjectSection,
    QuestionsSection,
    ReportDocument,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\U00010000-\U0001ffff]")
INK, MUTED, ACCENT, GOOD, BAD = (30, 30, 30), (110, 110, 110), (47, 111, 186), (30, 130, 70), \
    (190, 50, 50)
FONT, FALLBACK = "kaoda-cjk", "kaoda-symbols"


class PdfRenderError(RuntimeError):
    """The PDF library failed on this document."""


def _clean(text: str | None) -> str:
    return _CONTROL.sub("", (text or "").replace("\t", "    ").replace("\r\n", "\n"))


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


class _Writer:
    def __init__(self, doc: ReportDocument) -> None:
        from fpdf import FPDF

        self.doc, self.lang = doc, doc.language
        font = find_cjk_font()
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(16, 16, 16)
        self.pdf.set_auto_page_break(True, margin=16)
        self.pdf.add_font(FONT, "", str(font.path), collection_font_number=font.collection_index)
        fallback = find_fallback_font()
        if fallback is not None:
            self.pdf.add_font(FALLBACK, "", str(fallback))
            self.pdf.set_fallback_fonts([FALLBACK], exact_match=False)
        self.pdf.set_title(_clean(f"{doc.title} · {doc.track} · {doc.date}"))
        self.pdf.set_creator("Kaoda")
        self.pdf.add_page()

    # ---- primitives ---------------------------------------------------------------------------
    def text(self, value: str | None, size: float = 10.5, color: tuple[int, int, int] = INK,
             indent: float = 0.0, gap: float = 1.5) -> None:
        body = _clean(value).strip("\n")
        if not body:
            return
        self.pdf.set_font(FONT, size=size)
        self.pdf.set_text_color(*color)
        self.pdf.set_x(self.pdf.l_margin + indent)
        self.pdf.multi_cell(self.pdf.epw - indent, size * 0.52, body, align="L",
                            new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, value: str, level: int = 1) -> None:
        size = {0: 20, 1: 15, 2: 12.5, 3: 11.5}[level]
        if self.pdf.get_y() > self.pdf.h - 40:
            self.pdf.add_page()
        self.pdf.ln(2 if level > 1 else 4)
        self.text(value, size=size, color=ACCENT if level <= 1 else INK, gap=2)

    def quoted(self, value: str | None) -> None:
        if value is None or not value.strip():
            self.text(labels.text("no_answer", self.lang), color=MUTED, indent=4)
            return
        top = self.pdf.get_y()
        self.text(value, size=10, indent=5, gap=0)
        if self.pdf.get_y() > top:  # a bar beside the answer, as in a chat quote
            self.pdf.set_draw_color(*ACCENT)
            self.pdf.set_line_width(0.6)
            self.pdf.line(self.pdf.l_margin + 1.5, top, self.pdf.l_margin + 1.5, self.pdf.get_y())
        self.pdf.ln(2)

    def bullets(self, items: list[str], color: tuple[int, int, int] = INK, mark: str = "•") -> None:
        for item in items:
            self.text(f"{mark} {item}", size=10, color=color, indent=3, gap=0.6)
        if items:
            self.pdf.ln(1)

    def table(self, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
        if not rows:
            return
        self.pdf.set_font(FONT, size=9)
        self.pdf.set_text_color(*INK)
        with self.pdf.table(col_widths=widths, text_align="LEFT", line_height=4.8,
                            headings_style=_heading_style(), first_row_as_headings=True) as table:
            for row in [header, *rows]:
                cells = table.row()
                for value in row:
                    cells.cell(_clean(value))
        self.pdf.ln(3)

    def image(self, png: bytes, width: float) -> None:
        if self.pdf.get_y() > self.pdf.h - 90:
            self.pdf.add_page()
        self.pdf.image(io.BytesIO(png), x=self.pdf.l_margin + (self.pdf.epw - width) / 2, w=width)
        self.pdf.ln(3)


def _heading_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="", color=(255, 255, 255), fill_color=ACCENT)


def _scored(label: str, value: float | None, lang: str) -> str:
    return f"{label}（{_score(value)}）" if lang == "zh" else f"{label} ({_score(value)})"


def _sep(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _summary(w: _Writer, doc: ReportDocument) -> None:
    lang = doc.language
    w.heading(doc.title, 0)
    facts = [(labels.text("track", lang), doc.track), (labels.text("date", lang), doc.date),
             (labels.text("length", lang), doc.length or "")]
    w.text(" · ".join(f"{k}{_sep(lang)}{v}" for k, v in facts if v), color=MUTED)
    if doc.notice:
        w.text(doc.notice, color=BAD)
    w.text(f"{labels.text('overall', lang)}{_sep(lang)}{_score(doc.overall)} / 100", size=16,
           color=ACCENT, gap=3)
    stages = [s for s in doc.stages if s.value is not None]
    if stages:
        w.image(bar_chart(stages, labels.text("chart_stages", lang)), 120)
    topics = [s for s in doc.topics if s.value is not None]
    if topics:
        w.image(radar_chart(topics, labels.text("chart_topics", lang)), 125 if len(topics) > 2
                else 120)
    w.heading(labels.text("strengths", lang), 1)
    w.bullets([_scored(s.label, s.value, lang) for s in doc.strengths]
              or [labels.text("no_strengths", lang)], color=GOOD)
    w.heading(labels.text("study", lang), 1)
    joiner = "；" if lang == "zh" else "; "
    w.bullets([_scored(i.title, i.score, lang) + (f"{_sep(lang)}{joiner.join(i.missed)}"
                                                  if i.missed else "") for i in doc.study]
              or [labels.text("nothing_to_study", lang)])


def _exchange(w: _Writer, ex: Exchange) -> None:
    w.text(f"{ex.label} · {ex.question}" if ex.label else ex.question, size=10, color=MUTED, gap=1)
    if ex.answer is None and ex.note:
        w.text(ex.note, size=10, color=MUTED, indent=5)
    else:
        w.quoted(ex.answer)


def _preparation(w: _Writer, prep: Preparation, lang: str) -> None:
    if prep.empty:
        return
    w.heading(labels.text("preparation", lang), 3)
    for key, items in (("prepare_missing", prep.missing), ("prepare_techniques", prep.techniques),
                       ("prepare_statements", prep.statements)):
        if items:
            w.text(labels.text(key, lang), size=10, color=ACCENT, gap=0.8)
            w.bullets([i.label + (f"{_sep(lang)}{i.ask}" if i.ask else "") for i in items])
    if prep.contradictions:
        w.text(labels.text("prepare_contradictions", lang), size=10, color=BAD, gap=0.8)
        w.bullets(prep.contradictions)


def _project(w: _Writer, project: ProjectSection, lang: str) -> None:
    w.heading(_scored(project.name, project.score, lang), 2)
    for ex in project.exchanges:
        _exchange(w, ex)
    if project.pressed_for:
        joiner = "；" if lang == "zh" else "; "
        w.text(f"{labels.text('why_pressed', lang)}{_sep(lang)}{joiner.join(project.pressed_for)}",
               size=10, color=BAD)
    _preparation(w, project.preparation, lang)


def _concept(w: _Writer, n: int, concept: ConceptSection, lang: str) -> None:
    grade = f"（{concept.grade}）" if lang == "zh" and concept.grade else \
        (f" ({concept.grade})" if concept.grade else "")
    w.heading(f"{n}. {concept.title} — {_score(concept.score)}{grade}", 2)
    if not concept.exchanges:
        w.text(concept.question, size=10, color=MUTED)
    for ex in concept.exchanges:
        _exchange(w, ex)
    if concept.feedback:
        w.text(f"{labels.text('feedback', lang)}{_sep(lang)}{concept.feedback}", size=10)
    said = labels.text("evidence", lang)
    quote_open, quote_close = ("「", "」") if lang == "zh" else ("\"", "\"")
    if concept.hit:
        w.text(labels.text("hit", lang), size=10, color=GOOD, gap=0.8)
        w.bullets([k.text + (f" — {said}{_sep(lang)}{quote_open}{k.evidence}{quote_close}"
                             if k.evidence else "") for k in concept.hit], color=GOOD, mark="+")
    if concept.missed:
        w.text(labels.text("missed", lang), size=10, color=BAD, gap=0.8)
        w.bullets(concept.missed, color=BAD, mark="−")
    if concept.reference:
        w.text(labels.text("reference", lang), size=10, color=ACCENT, gap=0.8)
        w.text(concept.reference, size=9.5, color=MUTED, indent=3)


def _coding(w: _Writer, coding: CodingSection, lang: str) -> None:
    w.heading(labels.text("coding", lang), 1)
    facts = [(labels.text("problem", lang), coding.title), (labels.text("result", lang),
                                                            coding.status),
             (labels.text("best", lang), _score(coding.best_score)),
             (labels.text("attempts", lang), str(coding.attempts))]
    w.text(" · ".join(f"{k}{_sep(lang)}{v}" for k, v in facts if v),
           color=GOOD if coding.passed else BAD)
    if coding.approach:
        w.text(labels.text("approach", lang), size=10, color=ACCENT, gap=0.8)
        w.bullets(coding.approach)
    if coding.code:
        w.text(labels.text("your_code", lang), size=10, color=ACCENT, gap=0.8)
        w.pdf.set_fill_color(245, 245, 245)
        w.pdf.set_font(FONT, size=8.5)
        w.pdf.set_text_color(*INK)
        w.pdf.multi_cell(w.pdf.epw, 4.2, _clean(coding.code), fill=True, align="L",
                         new_x="LMARGIN", new_y="NEXT")
        w.pdf.ln(3)
    w.table([labels.text("test_name", lang), labels.text("test_result", lang),
             labels.text("test_message", lang)],
            [[t.name, labels.text("pass" if t.passed else "fail", lang), t.message]
             for t in coding.tests], (30, 14, 56))
    for ex in coding.discussion:
        _exchange(w, ex)


def _questions(w: _Writer, section: QuestionsSection | None, lang: str) -> None:
    w.heading(labels.text("questions", lang), 1)
    if section is None:
        w.text(labels.text("no_questions_stage", lang), color=MUTED)
        return
    tones = {"good": GOOD, "neutral": MUTED, "poor": BAD}
    for item in section.items:
        w.text(f"{labels.text('asked', lang)}{_sep(lang)}{item.question}", size=10.5, gap=0.8)
        if item.reply:
            w.quoted(item.reply)
        w.text(f"{labels.text('impression', lang)}{_sep(lang)}{item.impression} — {item.note}",
               size=10, color=tones[item.tone], indent=3, gap=0.8)
        if item.better:
            w.text(f"{labels.text('better', lang)}{_sep(lang)}{item.better}", size=10, indent=3)
    if section.overall:
        w.text(section.overall)
    if section.suggestions:
        w.text(labels.text("suggestions", lang), size=10, color=ACCENT, gap=0.8)
        w.bullets(section.suggestions)


def _body(w: _Writer, doc: ReportDocument) -> None:
    lang = doc.language
    if doc.intro is not None:
        w.heading(_scored(labels.text("intro", lang), doc.intro.score, lang), 1)
        w.quoted(doc.intro.answer)
    if doc.projects:
        w.heading(labels.text("projects", lang), 1)
        for project in doc.projects:
            _project(w, project, lang)
    if doc.concepts:
        w.heading(labels.text("concepts", lang), 1)
        for n, concept in enumerate(doc.concepts, start=1):
            _concept(w, n, concept, lang)
    if doc.coding is not None:
        _coding(w, doc.coding, lang)
    _questions(w, doc.questions, lang)


def render_pdf(doc: ReportDocument) -> bytes:
    """The PDF bytes of ``doc`` (see the module docstring)."""
    writer = _Writer(doc)
    try:
        _summary(writer, doc)
        _body(writer, doc)
        return bytes(writer.pdf.output())
    except Exception as exc:  # fpdf2 raises a zoo of types (FPDFException, ValueError, KeyError…)
        raise PdfRenderError(f"could not render the PDF report: {exc}") from exc



