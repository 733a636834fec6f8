"""The OpenAPI document, made to say exactly what the service does.

FastAPI's generated document is post-processed once:

* every error response (4xx/5xx) is documented as ``application/json`` with the one error body
  (:class:`~service.schemas.ErrorBody`) — also on routes whose success is SSE or Markdown, and
  for validation errors (FastAPI's default ``HTTPValidationError`` shape is not used) — except
  where a route declares a body model of its own for that status (``/readyz``'s 503);
* every operation that takes a body documents the refusals of
  :class:`~service.request_limits.RequestLimits`, which runs before any route: 413 (body over the
  limit, however sent) and 422 (malformed or hostile JSON);
* in local mode there is no login: no security scheme, no 401.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
UNUSED_SCHEMAS = ("HTTPValidationError", "ValidationError")
BODY_REFUSALS = {"413": "Request body too large (with or without Content-Length)",
                 "422": "Malformed or hostile JSON (NaN, lone surrogates, deep nesting) or "
                        "invalid fields"}


def _fix_operation(operation: dict[str, Any], local: bool) -> None:
    responses = operation.setdefault("responses", {})
    if "requestBody" in operation:
        for status, description in BODY_REFUSALS.items():
            responses.setdefault(status, {"description": description})
    if local:
        operation.pop("security", None)
        responses.pop("401", None)
    for status, response in responses.items():
        if status[:1] in ("4", "5") and not _own_body(response):
            response["content"] = dict(ERROR_CONTENT)


def _own_body(response: dict[str, Any]) -> bool:
    """Whether a route documents a body of its own for this status (``/readyz``'s 503 is a
    :class:`~service.schemas.Readiness`), which is then kept."""
    ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    return isinstance(ref, str) and ref.rsplit("/", 1)[-1] not in UNUSED_SCHEMAS


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        local = app.state.settings.auth.mode == "local"
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                _fix_operation(operation, local)
        components = schema.setdefault("components", {})
        for name in UNUSED_SCHEMAS:
            components.get("schemas", {}).pop(name, None)
        if local:
            components.pop("securitySchemes", None)
        app.openapi_schema = schema
    return app.openapi_schema
