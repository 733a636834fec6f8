"""Practice: grade a free answer to any knowledge-base question, and keep it for its owner."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from service.interview.engine import Judge
from service.interview_service import log_judge_fallback
from service.interview_store import InterviewStore
from service.schemas import Language, PracticeGraded, PracticeRecord
from service.views import practice_record


class PracticeService:
    def __init__(self, store: InterviewStore, kb: KnowledgeBase, judge: Judge) -> None:
        self.store, self.kb, self.judge = store, kb, judge

    def grade(self, user_id: str, entry_id: str, answer: str,
              language: Language) -> PracticeGraded:
        entry = self.kb.get(entry_id)
        grade = self.judge.grade(entry, answer, language).model_dump()
        log_judge_fallback(self.judge, entry.id)
        row = self.store.save_practice(user_id, entry.id, language, answer, grade)
        return PracticeGraded.model_validate({
            "id": row.id, "entry_id": entry.id, "grade": grade,
            "reference_answer": entry.answer(language), "key_points": list(entry.key_points)})

    def list_owned(self, user_id: str) -> list[PracticeRecord]:
        return [practice_record(row) for row in self.store.list_practice(user_id)]
