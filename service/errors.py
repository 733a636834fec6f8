"""Mapping domain exceptions to HTTP responses: clear messages, one body shape, never a 500 for
anything a client sends.

Every error body is an :class:`~service.schemas.ErrorBody`: ``{"detail": "<message>", "error":
"<Name>"}``, plus ``detail_zh`` / ``code`` for résumé errors, ``errors`` for validation errors and
``retry_after_s`` when trying again later will help. :func:`responses` documents the errors a
route can return in the OpenAPI document.

A busy sandbox is a 429 (this client has too many submissions in progress) or a 503 (no worker
free in time, or the sandbox failed) — both with ``Retry-After``, never a 500. Body size (also
for chunked bodies) and malformed or hostile JSON (NaN, lone surrogates, deep nesting) are
refused before any route by :mod:`service.request_limits`, with the same body.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from evaluators.catalog import UnknownProblemError
from evaluators.grader import SubmissionRejected, SubmissionTooLarge
from evaluators.sandbox.base import SandboxError
from knowledge.errors import QueryError, UnknownEntryError
from service.admission import Busy
from service.auth.errors import (
    AccountsDisabled,
    TooManyAttempts,
    Unauthenticated,
    UsernameTaken,
)
from service.interview_service import InterviewClosed, TurnRejected
from service.interview_store import InterviewBusy, NotFound, is_lock_timeout
from service.observability import log_event, request_id_var
from service.request_limits import MAX_BODY_BYTES, RequestLimits, encodable
from service.resume.errors import ResumeError
from service.schemas import ErrorBody

__all__ = ["MAX_BODY_BYTES", "ServiceUnavailable", "install_error_handlers", "responses"]
log = logging.getLogger("kaoda.errors")
SANDBOX_RETRY_S = 5


class ServiceUnavailable(Exception):
    """A part of the service could not start (e.g. the sandbox); the message says why."""


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status documented with the one error body."""
    return {status: {"model": ErrorBody, "description": HTTPStatus(status).phrase}
            for status in statuses}


def error_response(status: int, detail: str, error: str, headers: dict[str, str] | None = None,
                   **extra: Any) -> JSONResponse:
    body = ErrorBody(detail=detail, error=error, **extra).model_dump(exclude_none=True)
    return JSONResponse(status_code=status, content=body, headers=headers)


def _handler(status: int, headers: dict[str, str] | None = None):
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return error_response(status, str(exc).strip("'\""), type(exc).__name__, headers)

    return handle


async def _submission_rejected(_: Request, exc: Exception) -> JSONResponse:
    status = 413 if isinstance(exc, SubmissionTooLarge) else 422
    return error_response(status, str(exc), "SubmissionRejected")


async def _resume_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ResumeError)
    return error_response(exc.http_status, exc.message_en, type(exc).__name__,
                          detail_zh=exc.message_zh, code=exc.code)


async def _too_many(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TooManyAttempts)
    return error_response(429, str(exc), "TooManyAttempts",
                          {"Retry-After": str(exc.retry_after_s)})


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [encodable(str(p)) for p in e.get("loc", ())],
               "msg": encodable(str(e.get("msg", ""))), "type": str(e.get("type", ""))}
              for e in exc.errors()]
    summary = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0] if e['loc'] else 'body'}: "
                        f"{e['msg']}" for e in errors[:5])
    return error_response(422, summary or "invalid request", "ValidationError", errors=errors)


def _allowed_methods(request: Request) -> str:
    """Every method any route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE and getattr(route, "methods", None):
            methods |= set(route.methods)
    return ", ".join(sorted(methods))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 400:  # FastAPI could not decode the body: a malformed request
        return error_response(422, f"the request body could not be read: {exc.detail}",
                              "ValidationError")
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    name = HTTPStatus(exc.status_code).phrase.title().replace(" ", "").replace("-", "")
    return error_response(exc.status_code, str(exc.detail), name, headers or None)


async def _database(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OperationalError)
    log_event(log, logging.ERROR, "database error", error=str(exc.orig)[:300])
    busy = is_lock_timeout(exc)
    return error_response(503, "the database is busy; try again in a moment" if busy else
                          "the database is unavailable; try again later", "DatabaseUnavailable",
                          {"Retry-After": "2" if busy else "10"})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    request_id = getattr(request.state, "request_id", None) or request_id_var.get()
    log.error("unexpected error", exc_info=exc, extra={"fields": {"request_id": request_id}})
    return error_response(500, f"internal error (request id {request_id}); it has been logged",
                          "InternalError")


async def _busy(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Busy)
    return error_response(429, str(exc), "Busy", {"Retry-After": str(exc.retry_after)},
                          retry_after_s=exc.retry_after)


async def _sandbox_error(_: Request, exc: Exception) -> JSONResponse:
    return error_response(503, f"code execution failed on our side: {exc}; try again shortly",
                          type(exc).__name__, {"Retry-After": str(SANDBOX_RETRY_S)},
                          retry_after_s=SANDBOX_RETRY_S)


def install_error_handlers(app: FastAPI) -> None:
    app.add_middleware(RequestLimits, max_body=MAX_BODY_BYTES)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(SandboxError, _sandbox_error)
    app.add_exception_handler(NotFound, _handler(404))
    app.add_exception_handler(AccountsDisabled, _handler(404))
    app.add_exception_handler(Unauthenticated, _handler(401, {"WWW-Authenticate": "Bearer"}))
    app.add_exception_handler(UsernameTaken, _handler(409))
    app.add_exception_handler(TooManyAttempts, _too_many)
    app.add_exception_handler(InterviewClosed, _handler(409))
    app.add_exception_handler(InterviewBusy, _handler(409))
    app.add_exception_handler(TurnRejected, _handler(409))
    app.add_exception_handler(ResumeError, _resume_error)
    app.add_exception_handler(UnknownEntryError, _handler(404))
    app.add_exception_handler(UnknownProblemError, _handler(404))
    app.add_exception_handler(QueryError, _handler(422))
    app.add_exception_handler(SubmissionRejected, _submission_rejected)
    app.add_exception_handler(ServiceUnavailable, _handler(503))
    app.add_exception_handler(OperationalError, _database)
    app.add_exception_handler(Exception, _unexpected)
