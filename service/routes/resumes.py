"""Résumé upload: extract text, find the project claims, store them (all or nothing)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from service.deps import InterviewsDep
from service.resume import extract_claims, extract_profile, extract_text
from service.resume.limits import DEFAULT_LIMITS
from service.resume.models import ProjectClaim

router = APIRouter(tags=["resumes"])


class ClaimsUpdate(BaseModel):
    claims: list[ProjectClaim]


def _resume_body(row: Any) -> dict[str, Any]:
    return {"id": row.id, "filename": row.filename, "format": row.format,
            "claims": row.claims, "profile": row.profile, "text": row.raw_text,
            "created_at": row.created_at.isoformat()}


def _ingest(service: Any, data: bytes, filename: str, content_type: str | None) -> dict[str, Any]:
    """Parse fully first, store once at the end: a rejected file leaves nothing behind."""
    extracted = extract_text(data, filename, content_type)
    claims = [c.model_dump(mode="json") for c in extract_claims(extracted.text)]
    profile = extract_profile(extracted.text).model_dump(mode="json")
    row = service.store.save_resume(filename, extracted.format, extracted.text, claims, profile)
    return {**_resume_body(row), "warnings": extracted.warnings}


@router.post("/resumes", status_code=201)
async def upload_resume(service: InterviewsDep,
                        file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    data = await file.read(DEFAULT_LIMITS.max_bytes + 1)  # one byte over is enough to refuse
    return await run_in_threadpool(_ingest, service, data, file.filename or "resume",
                                   file.content_type)


@router.get("/resumes/{resume_id}")
def get_resume(resume_id: str, service: InterviewsDep) -> dict[str, Any]:
    return _resume_body(service.store.get_resume(resume_id))


@router.put("/resumes/{resume_id}/claims")
def update_claims(resume_id: str, body: ClaimsUpdate, service: InterviewsDep) -> dict[str, Any]:
    claims = [c.model_dump(mode="json") for c in body.claims]
    return _resume_body(service.store.update_resume_claims(resume_id, claims))
