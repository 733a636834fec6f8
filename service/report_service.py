"""An interview's report: the JSON the review page reads, and the document a candidate keeps.

The JSON is :func:`service.interview.report.build_report` over the stored state and code results.
The document (:mod:`service.report_doc`) is built from the same report plus the summary and the
transcript and rendered as Markdown or PDF. A PDF takes a few seconds of CPU (charts, an embedded
CJK font subset), so the route runs it in the thread pool and this service keeps the last few
PDFs by (interview, version): downloading a finished interview's report twice renders it once.

While an interview runs the document leaves out the reference answers (the candidate could still
be answering a follow-up). Every method takes the caller's user id, like the interview service.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from knowledge.base import KnowledgeBase
from service.errors import ServiceUnavailable
from service.interview.candidate_questions import Matcher
from service.interview.report import build_report
from service.interview.state import InterviewState
from service.interview_store import InterviewStore
from service.report_doc import (
    FontUnavailable,
    KnowledgeCatalog,
    PdfRenderError,
    ReportDocument,
    build_document,
    render_markdown,
    render_pdf,
)
from service.schemas import Report
from service.storage.tables import InterviewRow
from service.views import interview_summary, turn_out

PDF_CACHE_SIZE = 16


class ReportService:
    def __init__(self, store: InterviewStore, kb: KnowledgeBase,
                 problem_titles: Mapping[str, tuple[str, str]],
                 matcher: Matcher | None = None) -> None:
        self.store, self.kb, self.titles, self.matcher = store, kb, problem_titles, matcher
        self.catalog = KnowledgeCatalog(kb, problem_titles)
        self._pdfs: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def _report(self, row: InterviewRow) -> dict[str, Any]:
        state = InterviewState.model_validate(row.state)
        code_results = [t.code_result for t in self.store.turns(row.id) if t.code_result]
        return build_report(state, self.kb, code_results, self.titles)

    def report(self, user_id: str, interview_id: str) -> Report:
        row = self.store.get_interview(user_id, interview_id)
        return Report.model_validate({**interview_summary(row).model_dump(),
                                      "report": self._report(row)})

    def document(self, user_id: str, interview_id: str) -> tuple[InterviewRow, ReportDocument]:
        row = self.store.get_interview(user_id, interview_id)
        active = row.status != "finished"
        turns = [turn_out(t, redact=active).model_dump(mode="json")
                 for t in self.store.turns(row.id)]
        meta = interview_summary(row).model_dump(mode="json")
        doc = build_document(self._report(row), meta, turns, self.catalog, matcher=self.matcher)
        if active:
            for concept in doc.concepts:
                concept.reference = None
        return row, doc

    def markdown(self, user_id: str, interview_id: str) -> str:
        return render_markdown(self.document(user_id, interview_id)[1])

    def forget(self, interview_id: str) -> None:
        """Drop a deleted interview's cached PDFs."""
        with self._lock:
            for key in [k for k in self._pdfs if k[0] == interview_id]:
                del self._pdfs[key]

    def pdf(self, user_id: str, interview_id: str) -> bytes:
        row = self.store.get_interview(user_id, interview_id)
        key = (row.id, row.version)
        with self._lock:
            cached = self._pdfs.get(key)
        if cached is not None:
            return cached
        _, doc = self.document(user_id, interview_id)
        try:
            data = render_pdf(doc)
        except (PdfRenderError, FontUnavailable) as exc:
            raise ServiceUnavailable(f"the PDF report could not be rendered: {exc}; the "
                                     "Markdown report (report.md) has the same content") from exc
        with self._lock:
            self._pdfs[key] = data
            while len(self._pdfs) > PDF_CACHE_SIZE:
                self._pdfs.popitem(last=False)
        return data
