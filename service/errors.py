"""Mapping domain exceptions to HTTP responses: clear messages, never a 500 for user mistakes.

Every error body is ``{"detail": "<message>", "error": "<ExceptionName>"}``. A busy sandbox is
a 429 (this client has too many submissions in progress) or a 503 (no worker free in time, or
the sandbox failed) — both with ``Retry-After``, never a 500. Body size and malformed or
hostile JSON are handled before any route by :mod:`service.request_limits`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from evaluators.catalog import UnknownProblemError
from evaluators.grader import SubmissionRejected, SubmissionTooLarge
from evaluators.sandbox.base import SandboxError
from knowledge.errors import QueryError, UnknownEntryError
from service.admission import Busy
from service.interview_service import InterviewClosed, TurnRejected
from service.interview_store import NotFound
from service.request_limits import MAX_BODY_BYTES, RequestLimits, validation_error
from service.resume.errors import ResumeError

__all__ = ["MAX_BODY_BYTES", "ServiceUnavailable", "install_error_handlers"]
SANDBOX_RETRY_S = 5


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


async def _busy(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Busy)
    return JSONResponse(status_code=429, headers={"Retry-After": str(exc.retry_after)},
                        content={"detail": str(exc), "error": "Busy",
                                 "retry_after_s": exc.retry_after})


async def _sandbox_error(_: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(status_code=503, headers={"Retry-After": str(SANDBOX_RETRY_S)},
                        content={"detail": f"code execution failed on our side: {exc}; "
                                           "try again shortly", "error": type(exc).__name__})


def install_error_handlers(app: FastAPI) -> None:
    app.add_middleware(RequestLimits, max_body=MAX_BODY_BYTES)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(SandboxError, _sandbox_error)
    app.add_exception_handler(NotFound, _handler(404))
    app.add_exception_handler(InterviewClosed, _handler(409))
    app.add_exception_handler(TurnRejected, _handler(409))
    app.add_exception_handler(ResumeError, _resume_error)
    app.add_exception_handler(UnknownEntryError, _handler(404))
    app.add_exception_handler(UnknownProblemError, _handler(404))
    app.add_exception_handler(QueryError, _handler(422))
    app.add_exception_handler(SubmissionRejected, _submission_rejected)
    app.add_exception_handler(ServiceUnavailable, _handler(503))
