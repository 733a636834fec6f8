"""Structured logs with a request id.

Every request gets an id — the client's ``X-Request-ID`` when it is a sane token, otherwise a new
one — kept in a context variable for everything logged while serving it (also in the threads a
turn runs in) and echoed in the response's ``X-Request-ID`` header. One access line per request
says method, path, status, duration and the user.

``KAODA_LOG__FORMAT=json`` (the default) writes one JSON object per line: ``ts``, ``level``,
``logger``, ``event`` (the message), ``request_id`` and the fields passed with :func:`log_event`;
``text`` is the same as ``key=value`` pairs for a terminal.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id",
                                                                             default=None)
access_log = logging.getLogger("kaoda.access")


def log_event(logger: logging.Logger, level: int, event: str, **fields: Any) -> None:
    """Log ``event`` with structured ``fields`` (they become JSON keys)."""
    logger.log(level, event, extra={"fields": fields})


class StructuredFormatter(logging.Formatter):
    def __init__(self, style_: str = "json") -> None:
        super().__init__()
        self.json = style_ == "json"

    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name,
            "event": record.getMessage(), "pid": record.process}
        request_id = request_id_var.get()
        if request_id:
            body["request_id"] = request_id
        body.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            body["exc"] = self.formatException(record.exc_info)
        if self.json:
            return json.dumps(body, ensure_ascii=False, default=str)
        head = f"{body.pop('ts')} {body.pop('level'):<7} {body.pop('logger')}: {body.pop('event')}"
        return " ".join([head, *(f"{k}={v}" for k, v in body.items())])


def logging_config(style_: str, level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the service and uvicorn (also in worker processes)."""
    handler = {"class": "logging.StreamHandler", "formatter": "structured",
               "stream": "ext://sys.stderr"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"structured": {"()": StructuredFormatter, "style_": style_}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level},
        "loggers": {"uvicorn": {"level": level}, "uvicorn.error": {"level": level},
                    "uvicorn.access": {"handlers": [], "propagate": False}},
    }


async def request_context(request: Request,
                          call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: a request id for every log line, and one access line per request."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    request_id = given if _SANE_ID.match(given) else uuid.uuid4().hex
    token = request_id_var.set(request_id)
    request.state.request_id = request_id  # for handlers that run outside this context
    started = time.perf_counter()
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
        response.headers[REQUEST_ID_HEADER] = request_id
        return response
    finally:
        log_event(access_log, logging.INFO, "request", method=request.method,
                  path=request.url.path, status=status,
                  duration_ms=round((time.perf_counter() - started) * 1000, 1),
                  user=getattr(request.state, "user_id", None))
        request_id_var.reset(token)
