"""Coding problems: list, statement, and graded submissions.

A submission waits for a sandbox slot asynchronously (fair between clients, 429/503 with
``Retry-After`` when busy: :mod:`service.admission`) and is graded in the grading pool, so the
server's own worker threads and the event loop stay free for everything else.
"""

from __future__ import annotations

from fastapi import APIRouter

from evaluators.catalog import get_problem, load_catalog
from evaluators.grader import grade
from evaluators.result import GradeResult
from service.deps import AdmissionDep, SandboxDep, SubmitterDep
from service.errors import responses
from service.schemas import ProblemStatement, ProblemSummary, Submission

router = APIRouter(tags=["problems"])


def problem_summary(problem_id: str) -> ProblemSummary:
    p = get_problem(problem_id)
    return ProblemSummary(id=p.id, title=p.title_en, title_zh=p.title_zh, title_en=p.title_en,
                          difficulty=p.difficulty, tags=list(p.tags))


@router.get("/problems", response_model=list[ProblemSummary])
def list_problems() -> list[ProblemSummary]:
    return [problem_summary(pid) for pid in load_catalog()]


@router.get("/problems/{problem_id}", response_model=ProblemStatement, responses=responses(404))
def get_problem_statement(problem_id: str) -> ProblemStatement:
    p = get_problem(problem_id)
    return ProblemStatement(**problem_summary(problem_id).model_dump(),
                            statement_zh=p.statement_zh, statement_en=p.statement_en,
                            starter=p.starter, forbidden=list(p.forbidden),
                            time_limit_s=p.timeout_s)


@router.post("/problems/{problem_id}/submissions", response_model=GradeResult,
             responses=responses(401, 404, 413, 422, 429, 503))
async def submit(problem_id: str, submission: Submission, sandbox: SandboxDep,
                 admission: AdmissionDep, submitter: SubmitterDep) -> GradeResult:
    """Run the code against the problem's tests (practice; nothing is stored)."""
    problem = get_problem(problem_id)
    return await admission.run(submitter, grade, problem, submission.code, sandbox)
