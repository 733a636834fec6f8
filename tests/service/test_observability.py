"""Structured logs: a request id on every response and log line; every LLM fallback logged with
its reason."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from service.interview.brains.base import BrainError
from service.interview_service import log_judge_fallback
from service.observability import StructuredFormatter, request_id_var


class BrokenBrain:
    name = "llm:broken"

    def speak(self, directive: Any) -> Iterator[str]:
        raise BrainError("connection refused by http://127.0.0.1:9/v1")


def test_request_id_is_echoed_or_made(client) -> None:  # type: ignore[no-untyped-def]
    given = client.get("/healthz", headers={"X-Request-ID": "trace-42"})
    assert given.headers["x-request-id"] == "trace-42"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert len(made.headers["x-request-id"]) == 32 and " " not in made.headers["x-request-id"]


def test_json_lines_carry_the_request_id_and_fields() -> None:
    record = logging.LogRecord("kaoda.test", logging.WARNING, __file__, 1, "something happened",
                               None, None)
    record.fields = {"reason": "timeout", "attempt": 2}
    token = request_id_var.set("req-7")
    try:
        line = json.loads(StructuredFormatter("json").format(record))
        text = StructuredFormatter("text").format(record)
    finally:
        request_id_var.reset(token)
    assert line["event"] == "something happened" and line["level"] == "warning"
    assert line["request_id"] == "req-7" and line["reason"] == "timeout" and line["attempt"] == 2
    assert "request_id=req-7" in text and "reason=timeout" in text


def test_brain_fallback_is_logged_with_its_reason(client, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    service = client.app.state.interviews
    original, service.brain = service.brain, BrokenBrain()
    try:
        with caplog.at_level(logging.WARNING, logger="kaoda.interview"):
            started = client.post("/v1/interviews", json={"track": "cv-intern", "seed": 1},
                                  headers={"X-Request-ID": "fallback-1"})
    finally:
        service.brain = original
    assert started.status_code == 201 and started.json()["brain"] == "offline (fallback)"
    fallbacks = [r for r in caplog.records if "fell back" in r.getMessage()]
    assert fallbacks, [r.getMessage() for r in caplog.records]
    fields = fallbacks[0].fields  # type: ignore[attr-defined]
    assert "connection refused" in fields["reasons"][0]
    assert fields["directive"] == "greet_and_ask_intro"


def test_judge_fallback_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    class Judge:
        name, last_error = "llm:judge", "unusable verdict: not JSON"

    with caplog.at_level(logging.WARNING, logger="kaoda.interview"):
        log_judge_fallback(Judge(), "attention-mechanism")
    record = caplog.records[-1]
    assert record.fields["reason"] == "unusable verdict: not JSON"  # type: ignore[attr-defined]


def test_an_unexpected_error_is_500_with_the_request_id(client) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    service = client.app.state.resumes
    original = service.list_owned
    service.list_owned = lambda user_id: 1 / 0  # a bug, not anything the client sent
    try:
        quiet = TestClient(client.app, raise_server_exceptions=False)
        response = quiet.get("/v1/resumes", headers={"X-Request-ID": "bug-1"})
    finally:
        service.list_owned = original
    assert response.status_code == 500
    assert response.json()["error"] == "InternalError" and "bug-1" in response.json()["detail"]
