"""The interview report as a document a candidate keeps: Markdown and PDF from one content model.

Pure domain code (no FastAPI, no environment). The seam::

    catalog = KnowledgeCatalog(kb, problem_titles)          # ids → titles, reference answers
    doc = build_document(report, meta, turns, catalog, matcher=None)   # -> ReportDocument
    render_markdown(doc) -> str                             # text/markdown; charset=utf-8
    render_pdf(doc) -> bytes                                # application/pdf (run in a thread)

* ``report``: ``service.interview.report.build_report`` output. Read leniently; per project an
  optional ``preparation`` ({missing_slots | prepare, techniques [{entry_id, title | question,
  mention}], best_statements | statements, contradictions}) or a top-level ``preparation`` list
  keyed by ``project`` fills the preparation sheet; missing parts are left out.
* ``meta``: the interview summary (``track``, ``language``, ``length``, ``status``,
  ``created_at``; ``ended_early=True`` prints "scored on what was asked").
* ``turns``: the transcript rows (dicts with role, stage, kind, content, directive, grade,
  analysis, code_result). They supply every question with the candidate's answer, the key points
  hit with the quoted evidence, the final code, and the 反问 exchange.
* ``matcher``: optional ``candidate_questions.SemanticMatcher`` for coaching the 反问 questions.

The document is in the interview's language and names entries by title, never by id; stage,
point, status and reason codes become words (unknown codes are dropped). ``render_markdown``
escapes everything the candidate wrote. ``render_pdf`` embeds a subset of WenQuanYi Micro Hei
(from the ``paperang-p2-fonts-cjk`` package, see ``fonts``) and draws the stage bar chart and the per-question
radar with matplotlib (``charts``); it raises ``PdfRenderError`` or ``FontUnavailable``.

Wiring (second half of issue 13): ``GET /v1/interviews/{id}/report.md`` and ``…/report.pdf``
build the document from the stored report, summary and turns and render it; the UI offers both
downloads.
"""

from service.report_doc.build import build_document
from service.report_doc.catalog import Catalog, KnowledgeCatalog
from service.report_doc.fonts import FontUnavailable, find_cjk_font
from service.report_doc.markdown import escape, render_markdown
from service.report_doc.model import ReportDocument
from service.report_doc.pdf import PdfRenderError, render_pdf

__all__ = [
    "Catalog",
    "FontUnavailable",
    "KnowledgeCatalog",
    "PdfRenderError",
    "ReportDocument",
    "build_document",
    "escape",
    "find_cjk_font",
    "render_markdown",
    "render_pdf",
]
