"""Mapping domain exceptions to HTTP responses: clear messages, never a 500 for user mistakes.

Every error body is ``{"detail": "<message>", "error": "<ExceptionName>"}``.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from evaluators.catalog import UnknownProblemError
from evaluators.grader import MAX_CODE_BYTES, SubmissionRejected
from knowledge.errors import QueryError, UnknownEntryError


class ServiceUnavailable(Exception):
    """A part of the service could not start (e.g. the sandbox); the message says why."""


def _handler(status: int):  # type: ignore[no-untyped-def]
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=status,
                            content={"detail": str(exc).strip("'\""), "error": type(exc).__name__})

    return handle


def _rejected_status(exc: SubmissionRejected) -> int:
    return 413 if f"{MAX_CODE_BYTES // 1024} KiB" in str(exc) else 422


async def _submission_rejected(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SubmissionRejected)
    return JSONResponse(status_code=_rejected_status(exc),
                        content={"detail": str(exc), "error": "SubmissionRejected"})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(UnknownEntryError, _handler(404))
    app.add_exception_handler(UnknownProblemError, _handler(404))
    app.add_exception_handler(QueryError, _handler(422))
    app.add_exception_handler(SubmissionRejected, _submission_rejected)
    app.add_exception_handler(ServiceUnavailable, _handler(503))
