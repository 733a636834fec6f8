"""Mapping domain exceptions to HTTP responses: clear messages, never a 500 for user mistakes.

Every error body is ``{"detail": "<message>", "error": "<ExceptionName>"}``.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from evaluators.catalog import UnknownProblemError
from evaluators.grader import SubmissionRejected, SubmissionTooLarge
from knowledge.errors import QueryError, UnknownEntryError
from service.interview_service import InterviewClosed, TurnRejected
from service.interview_store import NotFound
from service.resume.errors import ResumeError

MAX_BODY_BYTES = 6 * 1024 * 1024  # a 5 MiB résumé plus multipart overhead


class ServiceUnavailable(Exception):
    """A part of the service could not start (e.g. the sandbox); the message says why."""


def _handler(status: int):
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=status,
                            content={"detail": str(exc).strip("'\""), "error": type(exc).__name__})

    return handle


async def _submission_rejected(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SubmissionRejected)
    status = 413 if isinstance(exc, SubmissionTooLarge) else 422
    return JSONResponse(status_code=status,
                        content={"detail": str(exc), "error": "SubmissionRejected"})


async def _resume_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ResumeError)
    return JSONResponse(status_code=exc.http_status, content={
        "detail": exc.message_en, "detail_zh": exc.message_zh, "error": type(exc).__name__,
        "code": exc.code})


async def _limit_body_size(request: Request, call_next):
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        return JSONResponse(status_code=413, content={
            "detail": f"request body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB",
            "error": "PayloadTooLarge"})
    return await call_next(request)


def install_error_handlers(app: FastAPI) -> None:
    app.middleware("http")(_limit_body_size)
    app.add_exception_handler(NotFound, _handler(404))
    app.add_exception_handler(InterviewClosed, _handler(409))
    app.add_exception_handler(TurnRejected, _handler(409))
    app.add_exception_handler(ResumeError, _resume_error)
    app.add_exception_handler(UnknownEntryError, _handler(404))
    app.add_exception_handler(UnknownProblemError, _handler(404))
    app.add_exception_handler(QueryError, _handler(422))
    app.add_exception_handler(SubmissionRejected, _submission_rejected)
    app.add_exception_handler(ServiceUnavailable, _handler(503))
