"""Résumé upload, reading, correcting the recognized projects, deleting — one's own only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile
from fastapi.concurrency import run_in_threadpool

from service.deps import ResumesDep, UserDep
from service.errors import responses
from service.resume.limits import DEFAULT_LIMITS
from service.schemas import ClaimsUpdate, ResumeOut, ResumeSummary, ResumeUploaded

router = APIRouter(tags=["resumes"])


@router.post("/resumes", status_code=201, response_model=ResumeUploaded,
             responses=responses(401, 413, 415, 422))
async def upload_resume(user: UserDep, resumes: ResumesDep,
                        file: Annotated[UploadFile, File()]) -> ResumeUploaded:
    data = await file.read(DEFAULT_LIMITS.max_bytes + 1)  # one byte over is enough to refuse
    return await run_in_threadpool(resumes.upload, user.id, data, file.filename or "resume",
                                   file.content_type)


@router.get("/resumes", response_model=list[ResumeSummary], responses=responses(401))
def list_resumes(user: UserDep, resumes: ResumesDep) -> list[ResumeSummary]:
    return resumes.list_owned(user.id)


@router.get("/resumes/{resume_id}", response_model=ResumeOut, responses=responses(401, 404))
def get_resume(resume_id: str, user: UserDep, resumes: ResumesDep) -> ResumeOut:
    return resumes.get(user.id, resume_id)


@router.put("/resumes/{resume_id}/claims", response_model=ResumeOut,
            responses=responses(401, 404, 422))
def update_claims(resume_id: str, body: ClaimsUpdate, user: UserDep,
                  resumes: ResumesDep) -> ResumeOut:
    claims = [c.model_dump(mode="json") for c in body.claims]
    return resumes.update_claims(user.id, resume_id, claims)


@router.delete("/resumes/{resume_id}", status_code=204, response_class=Response,
               responses=responses(401, 404))
def delete_resume(resume_id: str, user: UserDep, resumes: ResumesDep) -> Response:
    resumes.delete(user.id, resume_id)
    return Response(status_code=204)
