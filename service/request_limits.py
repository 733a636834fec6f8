"""Request bodies the service will read: bounded in size however sent, and JSON it can handle.

An ASGI middleware (:class:`RequestLimits`) in front of every route, so no route can forget it:

* **size** — a ``Content-Length`` over the limit is refused at once (413) without reading; a
  body sent without one (chunked transfer) is counted as it streams and refused the moment it
  passes the limit, so a 300 MB chunked body costs at most the limit in memory;
* **JSON** — a JSON body is parsed once here, strictly: ``NaN``/``Infinity`` (not JSON, but
  Python's parser accepts them and nothing downstream can encode them back), strings holding
  lone UTF-16 surrogates (``"\\ud800"``: valid JSON escapes, but no UTF-8 encoder accepts
  them), bytes that are not UTF-8 and nesting deeper than :data:`MAX_DEPTH` all get a clear 422
  whose body is plain ASCII. Anything that passes is handed to the route unchanged.

Refusals use the service's one error body (``{"detail", "error"}``, see :mod:`service.errors`);
:func:`encodable` is what the validation handler there uses so a message quoting the input can
always be encoded.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 6 * 1024 * 1024  # a 5 MiB résumé plus multipart overhead
MAX_DEPTH = 32


class BadJSON(ValueError):
    """A JSON body the service refuses; the message says why."""


def _reject_constant(name: str) -> Any:
    raise BadJSON(f"{name} is not valid JSON; send numbers as finite values or strings")


def check_json(body: bytes) -> None:
    """Raise :class:`BadJSON` unless ``body`` is strict, encodable, shallow JSON."""
    try:
        value = json.loads(body, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BadJSON("the request body is not UTF-8 text") from None
    except RecursionError:
        raise BadJSON(f"the JSON is nested too deeply (at most {MAX_DEPTH} levels)") from None
    except json.JSONDecodeError as exc:
        raise BadJSON(f"malformed JSON at line {exc.lineno}, column {exc.colno}: "
                      f"{exc.msg}") from None
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadJSON(f"the JSON is nested too deeply (at most {MAX_DEPTH} levels)")
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_text(key)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadJSON("a string holds an unpaired UTF-16 surrogate (e.g. \\ud800), which is "
                      "not text; send valid Unicode") from None


def _error(status: int, detail: str, kind: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail, "error": kind})


class RequestLimits:
    """ASGI middleware: body size (413) and strict JSON (422); see the module doc."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    def _too_large(self) -> JSONResponse:
        return _error(413, f"request body is larger than {self.max_body // (1024 * 1024)} MiB",
                      "PayloadTooLarge")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        length = headers.get(b"content-length", b"").strip()
        if length.isdigit() and int(length) > self.max_body:
            await self._too_large()(scope, receive, send)
            return
        body = await self._read(receive)
        if body is None:
            await self._too_large()(scope, receive, send)
            return
        kind = headers.get(b"content-type", b"").split(b";")[0].strip()
        if body and (kind.endswith(b"json") or not kind):  # FastAPI parses both as JSON
            try:
                check_json(body)
            except BadJSON as exc:
                await _error(422, str(exc), "InvalidJSON")(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes the limit (then it is not kept)."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body we read, then the real channel (a streamed reply waits on it for disconnects)."""
    sent = [False]

    async def replay() -> Message:
        if not sent[0]:
            sent[0] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def encodable(text: str) -> str:
    """``text`` with anything no UTF-8 encoder accepts (lone surrogates) replaced."""
    return text.encode("utf-8", "replace").decode("utf-8")
