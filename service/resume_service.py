"""Résumés: parse fully, store once (all or nothing), and only ever for their owner."""

from __future__ import annotations

from typing import Any

from service.interview_store import InterviewStore
from service.resume import extract_claims, extract_profile, extract_text
from service.schemas import ResumeOut, ResumeSummary, ResumeUploaded
from service.views import resume_out, resume_summary


class ResumeService:
    def __init__(self, store: InterviewStore) -> None:
        self.store = store

    def upload(self, user_id: str, data: bytes, filename: str,
               content_type: str | None) -> ResumeUploaded:
        """A rejected file raises a :class:`~service.resume.errors.ResumeError` and leaves
        nothing behind."""
        extracted = extract_text(data, filename, content_type)
        claims = [c.model_dump(mode="json") for c in extract_claims(extracted.text)]
        profile = extract_profile(extracted.text).model_dump(mode="json")
        row = self.store.save_resume(user_id, filename, extracted.format, extracted.text, claims,
                                     profile)
        return ResumeUploaded(**resume_out(row).model_dump(), warnings=extracted.warnings)

    def get(self, user_id: str, resume_id: str) -> ResumeOut:
        return resume_out(self.store.get_resume(user_id, resume_id))

    def list_owned(self, user_id: str) -> list[ResumeSummary]:
        return [resume_summary(row) for row in self.store.list_resumes(user_id)]

    def update_claims(self, user_id: str, resume_id: str,
                      claims: list[dict[str, Any]]) -> ResumeOut:
        return resume_out(self.store.update_resume_claims(user_id, resume_id, claims))

    def delete(self, user_id: str, resume_id: str) -> None:
        self.store.delete_resume(user_id, resume_id)
