"""Coding problems: list, statement, and graded submissions.

A submission waits for a sandbox slot asynchronously (fair between clients, 429/503 with
``Retry-After`` when busy: :mod:`service.admission`) and is graded in the grading pool, so the
server's own worker threads and the event loop stay free for everything else.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from evaluators.catalog import get_problem, load_catalog
from evaluators.grader import grade
from evaluators.result import GradeResult
from service.deps import AdmissionDep, ClientDep, SandboxDep

router = APIRouter(tags=["problems"])


class Submission(BaseModel):
    code: str = Field(description="the candidate's Python source (UTF-8, at most 64 KiB)")


def problem_summary(problem_id: str) -> dict[str, Any]:
    p = get_problem(problem_id)
    return {"id": p.id, "title": p.title_en, "title_zh": p.title_zh, "title_en": p.title_en,
            "difficulty": p.difficulty, "tags": list(p.tags)}


@router.get("/problems")
def list_problems() -> list[dict[str, Any]]:
    return [problem_summary(pid) for pid in load_catalog()]


@router.get("/problems/{problem_id}")
def get_problem_statement(problem_id: str) -> dict[str, Any]:
    p = get_problem(problem_id)
    return {**problem_summary(problem_id), "statement_zh": p.statement_zh,
            "statement_en": p.statement_en, "starter": p.starter,
            "forbidden": list(p.forbidden), "time_limit_s": p.timeout_s}


@router.post("/problems/{problem_id}/submissions")
async def submit(problem_id: str, submission: Submission, sandbox: SandboxDep,
                 admission: AdmissionDep, client: ClientDep) -> GradeResult:
    problem = get_problem(problem_id)
    return await admission.run(client, grade, problem, submission.code, sandbox)
