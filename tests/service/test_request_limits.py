"""Hostile request bodies never reach a route, and never produce a 5xx.

The real app through the shared client: NaN and Infinity, lone surrogates in any string field,
deeply nested JSON, bodies over the limit with or without Content-Length, source text Python's
own parser chokes on.
"""

from __future__ import annotations

import json

import pytest

from service.request_limits import MAX_BODY_BYTES, BadJSON, check_json

SUBMIT = "/v1/problems/nms/submissions"


def _post_raw(client, url: str, body: bytes):  # type: ignore[no-untyped-def]
    return client.post(url, content=body, headers={"content-type": "application/json"})


def _assert_clear_4xx(response, status: int, text: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = json.loads(response.content.decode("utf-8"))  # always encodable, plain JSON
    assert text in json.dumps(body).lower()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_422(client, constant: str) -> None:  # type: ignore[no-untyped-def]
    response = _post_raw(client, SUBMIT, f'{{"code": {constant}}}'.encode())
    _assert_clear_4xx(response, 422, "not valid json")


def test_a_body_without_content_type_is_checked_too(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(SUBMIT, content=b'{"code": NaN}', headers={"content-type": ""})
    _assert_clear_4xx(response, 422, "not valid json")


@pytest.mark.parametrize("url,field", [(SUBMIT, "code"),
                                       ("/v1/interviews/no-such-id/messages", "content"),
                                       ("/v1/interviews/no-such-id/code", "code")])
def test_lone_surrogates_are_422_in_any_field(client, url: str, field: str) -> None:  # type: ignore[no-untyped-def]
    body = f'{{"{field}": "x\\ud800y", "problem_id": "nms"}}'.encode()
    _assert_clear_4xx(_post_raw(client, url, body), 422, "surrogate")


def test_surrogate_in_a_key_and_deep_inside_is_422(client) -> None:  # type: ignore[no-untyped-def]
    body = b'{"code": "x", "extra": [{"\\udfff": ["ok", "\\ud83d"]}]}'
    _assert_clear_4xx(_post_raw(client, SUBMIT, body), 422, "surrogate")


def test_a_valid_surrogate_pair_is_fine(client) -> None:  # type: ignore[no-untyped-def]
    body = b'{"code": "# \\ud83d\\ude00\\ndef nms(b, s, t):\\n    return []\\n"}'
    response = _post_raw(client, SUBMIT, body)
    assert response.status_code == 200 and response.json()["status"] == "failed"


def test_deep_nesting_is_422(client) -> None:  # type: ignore[no-untyped-def]
    body = b'{"code": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    _assert_clear_4xx(_post_raw(client, SUBMIT, body), 422, "nested too deeply")


def test_chunked_body_over_the_limit_is_413(client) -> None:  # type: ignore[no-untyped-def]
    def chunks():
        yield b'{"code": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"#" * 65536
        yield b'"}'

    response = client.post(SUBMIT, content=chunks(), headers={"content-type": "application/json"})
    _assert_clear_4xx(response, 413, "larger than")


def test_declared_length_over_the_limit_is_413(client) -> None:  # type: ignore[no-untyped-def]
    body = b'{"code": "' + b"#" * (MAX_BODY_BYTES + 10) + b'"}'
    _assert_clear_4xx(_post_raw(client, SUBMIT, body), 413, "larger than")


@pytest.mark.parametrize("source", [
    "x = 1" + " + 1" * 30_000 + "\n",            # RecursionError in ast.parse
    "x = " + "-" * 60_000 + "1\n",               # MemoryError in the parser
    "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n",
])
def test_source_python_cannot_parse_is_an_error_grade(client, source: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(SUBMIT, json={"code": source})
    assert response.status_code in (200, 413), response.text
    if response.status_code == 200:
        body = response.json()
        assert body["status"] == "error" and body["score"] == 0.0 and body["error"]


def test_validation_error_bodies_always_encode(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(SUBMIT, json={"code": {"nested": [1, 2.5, None]}})
    _assert_clear_4xx(response, 422, "string")


def test_check_json_accepts_plain_json_and_names_the_problem() -> None:
    check_json(b'{"a": [1, 2.5, "\\u00e9", {"b": null}]}')
    for bad, why in ((b"{\"a\": NaN}", "not valid json"), (b"\xff", "utf-8"),
                     (b"{\"a\": ", "malformed"), (b"[" * 40 + b"]" * 40, "nested")):
        with pytest.raises(BadJSON, match=f"(?i){why}"):
            check_json(bad)
