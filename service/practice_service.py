"""Practice: browse the bank, answer or code any question, and bring back what went wrong.

* Browsing (:meth:`PracticeService.questions`) filters the knowledge base by named topic
  (:mod:`service.practice.vocabulary`), track, difficulty and kind; :meth:`random` picks one
  (avoiding the last few practised); :meth:`next` picks the most urgent due review first.
* A concept answer is graded by the judge against the entry's key points
  (:meth:`grade`); a coding problem is run in the sandbox (:meth:`run_code`, not recorded) and
  submitted (:meth:`submit_code`, recorded) exactly as in an interview.
* Every graded attempt is stored per user (:class:`~service.practice_store.PracticeDatabase`),
  as are a finished interview's concept answers; :meth:`review` is the spaced-repetition queue of
  weak key points derived from them (:mod:`service.practice.schedule`), explained in words.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from evaluators.catalog import get_problem
from evaluators.grader import grade as grade_code
from knowledge.base import KnowledgeBase
from knowledge.schema import Entry
from service.interview.engine import Judge
from service.interview_service import log_judge_fallback
from service.interview_store import NotFound
from service.journey_schemas import (
    CodeAttemptGraded,
    DraftOut,
    DuePointOut,
    HistoryItem,
    PickedQuestion,
    PracticeQuestion,
    ReviewItem,
    Topic,
)
from service.practice import (
    DueEntry,
    EntryFilter,
    browse,
    explain,
    next_to_practise,
    pick_random,
    review_queue,
)
from service.practice.vocabulary import TOPICS, in_topic, topics_of
from service.practice_store import (
    PRACTICE_SCOPE,
    PracticeDatabase,
    check_draft_size,
    practice_row,
)
from service.report_doc.catalog import short_title
from service.schemas import CodeResult, Language, PracticeGraded, PracticeRecord
from service.storage.tables import PracticeRow
from service.views import practice_record

RECENT = 5  # a random pick avoids the last few practised entries


class PracticeService:
    def __init__(self, store: Any, kb: KnowledgeBase, judge: Judge,
                 problem_titles: Mapping[str, tuple[str, str]] | None = None,
                 sandbox_provider: Any = None, practice: PracticeDatabase | None = None) -> None:
        self.store, self.kb, self.judge = store, kb, judge
        self.titles = dict(problem_titles or {})
        self.sandbox_provider = sandbox_provider  # () -> Sandbox, raises when unavailable
        self.db = practice or PracticeDatabase(store.db)

    # ---- names ---------------------------------------------------------------------------------
    def _title(self, entry: Entry, language: str) -> str:
        if entry.kind == "coding" and entry.id in self.titles:
            zh, en = self.titles[entry.id]
            return zh if language == "zh" else en
        return short_title(entry, entry.question(language), language)

    def _question(self, entry: Entry) -> dict[str, Any]:
        return {"id": entry.id, "kind": entry.kind, "title_zh": self._title(entry, "zh"),
                "title_en": self._title(entry, "en"), "question_zh": entry.question_zh,
                "question_en": entry.question_en, "difficulty": entry.difficulty,
                "tracks": list(entry.tracks), "topics": topics_of(entry.tags)}

    def _titles_of(self, entry_id: str) -> tuple[str, str]:
        if entry_id in self.kb:
            entry = self.kb.get(entry_id)
            return self._title(entry, "zh"), self._title(entry, "en")
        zh, en = self.titles.get(entry_id, ("", ""))
        return zh or "（已删除的题目）", en or "(a question no longer in the bank)"

    # ---- browsing ------------------------------------------------------------------------------
    def _matching(self, filters: EntryFilter, topic: str | None) -> list[Entry]:
        found = browse(self.kb.entries, filters)
        return [e for e in found if topic is None or in_topic(e.tags, topic)]

    def topics(self) -> list[Topic]:
        counts = {t.key: 0 for t in TOPICS}
        for entry in self.kb.entries:
            for key in topics_of(entry.tags):
                counts[key] += 1
        return [Topic(key=t.key, name_zh=t.zh, name_en=t.en, count=counts[t.key])
                for t in TOPICS]

    def questions(self, filters: EntryFilter, topic: str | None) -> list[PracticeQuestion]:
        return [PracticeQuestion(**self._question(e)) for e in self._matching(filters, topic)]

    def _recent(self, user_id: str) -> list[str]:
        return [row.entry_id for row in self.db.history(user_id, RECENT)]

    def random(self, user_id: str, filters: EntryFilter, topic: str | None) -> PickedQuestion:
        pool = self._matching(filters, topic)
        entry = pick_random(pool, EntryFilter(), random.Random(), avoid=self._recent(user_id))
        return self._picked(entry, False)

    def next(self, user_id: str, filters: EntryFilter, topic: str | None) -> PickedQuestion:
        pool = self._matching(filters, topic)
        queue = self._queue(user_id)
        entry, due = next_to_practise(pool, queue, EntryFilter(), random.Random(),
                                      avoid=self._recent(user_id))
        return self._picked(entry, due)

    def _picked(self, entry: Entry | None, due: bool) -> PickedQuestion:
        if entry is None:
            raise NoMatchingQuestion("no question matches these filters; remove one of them")
        return PickedQuestion(**self._question(entry), from_review=due)

    # ---- the review queue and the history ------------------------------------------------------
    def _queue(self, user_id: str) -> list[DueEntry]:
        return review_queue(self.db.attempts(user_id), datetime.now(UTC))

    def review(self, user_id: str) -> list[ReviewItem]:
        items = []
        for due in self._queue(user_id):
            if due.entry_id not in self.kb:
                continue
            entry = self.kb.get(due.entry_id)
            points = [DuePointOut(
                index=p.point, why_zh=explain(p, "zh"), why_en=explain(p, "en"),
                text_zh=entry.key_points[p.point].zh if p.point is not None and
                p.point < len(entry.key_points) else self._title(entry, "zh"),
                text_en=entry.key_points[p.point].en if p.point is not None and
                p.point < len(entry.key_points) else self._title(entry, "en"))
                for p in due.points]
            items.append(ReviewItem(**self._question(entry), due=due.due, box=due.box,
                                    overdue_days=due.overdue_days, last_score=due.last_score,
                                    points=points))
        return items

    def history(self, user_id: str, limit: int = 200) -> list[HistoryItem]:
        out = []
        for row in self.db.history(user_id, limit):
            zh, en = self._titles_of(row.entry_id)
            out.append(HistoryItem(id=row.id, entry_id=row.entry_id, kind=row.kind or "concept",
                                   source="interview" if row.source == "interview" else
                                   "practice", title_zh=zh, title_en=en, score=row.score,
                                   created_at=row.created_at, interview_id=row.interview_id))
        return out

    def list_owned(self, user_id: str) -> list[PracticeRecord]:
        return [practice_record(row) for row in self.store.list_practice(user_id)]

    # ---- answering -----------------------------------------------------------------------------
    def grade(self, user_id: str, entry_id: str, answer: str,
              language: Language) -> PracticeGraded:
        entry = self.kb.get(entry_id)
        grade = self.judge.grade(entry, answer, language)
        log_judge_fallback(self.judge, entry.id)
        row = self.db.add(practice_row(
            user_id, entry_id=entry.id, kind=entry.kind, source="practice", language=language,
            answer=answer, grade=grade.model_dump(), score=float(grade.score),
            missed=list(grade.missed), key_points=len(entry.key_points)))
        return PracticeGraded.model_validate({
            "id": row.id, "entry_id": entry.id, "grade": grade.model_dump(),
            "reference_answer": entry.answer(language), "key_points": list(entry.key_points)})

    def run_code(self, problem_id: str, code: str) -> CodeResult:
        result = grade_code(get_problem(problem_id), code, self.sandbox_provider())
        return CodeResult.model_validate(result.model_dump())

    def submit_code(self, user_id: str, problem_id: str, code: str,
                    language: Language) -> CodeAttemptGraded:
        problem = get_problem(problem_id)
        result = grade_code(problem, code, self.sandbox_provider())
        row: PracticeRow = self.db.add(practice_row(
            user_id, entry_id=problem.id, kind="coding", source="practice", language=language,
            answer=code, grade=result.model_dump(), score=round(result.score * 100, 1),
            missed=[], key_points=0))
        return CodeAttemptGraded(id=row.id, problem_id=problem.id,
                                 result=CodeResult.model_validate(result.model_dump()))

    # ---- drafts --------------------------------------------------------------------------------
    def draft(self, user_id: str, problem_id: str) -> DraftOut:
        get_problem(problem_id)  # 404 for an unknown problem
        row = self.db.draft(user_id, PRACTICE_SCOPE, problem_id)
        return DraftOut(problem_id=problem_id, code=row.code if row else None,
                        updated_at=row.updated_at if row else None)

    def save_draft(self, user_id: str, problem_id: str, code: str) -> DraftOut:
        get_problem(problem_id)
        check_draft_size(code)
        row = self.db.save_draft(user_id, PRACTICE_SCOPE, problem_id, code)
        return DraftOut(problem_id=problem_id, code=row.code, updated_at=row.updated_at)


class NoMatchingQuestion(NotFound):
    """No question matches the filters (404)."""
