"""The problem routes: listing, statements without secrets, graded submissions, bad input."""

from __future__ import annotations

from evaluators.catalog import get_problem


def test_list_problems(client) -> None:  # type: ignore[no-untyped-def]
    problems = client.get("/v1/problems").json()
    assert len(problems) == 54
    assert {"id", "title", "difficulty", "tags"} <= set(problems[0])


def test_statement_has_no_reference_or_tests(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/v1/problems/nms").json()
    assert body["starter"] and body["statement_zh"] and body["statement_en"]
    reference = get_problem("nms").reference_source
    assert reference not in str(body)
    assert not ({"reference", "reference_source", "cases", "tests"} & set(body))


def test_unknown_problem_is_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/v1/problems/no_such_problem").status_code == 404
    response = client.post("/v1/problems/no_such_problem/submissions", json={"code": "x = 1"})
    assert response.status_code == 404


def test_reference_submission_passes(client) -> None:  # type: ignore[no-untyped-def]
    code = get_problem("nms").reference_source
    body = client.post("/v1/problems/nms/submissions", json={"code": code}).json()
    assert body["status"] == "passed" and body["score"] == 1.0
    assert {"problem_id", "status", "passed", "score", "tests", "stdout", "stderr",
            "duration_ms", "isolation"} <= set(body)


def test_wrong_submission_fails_with_messages(client) -> None:  # type: ignore[no-untyped-def]
    code = "def nms(boxes, scores, iou_threshold):\n    return list(range(len(boxes)))\n"
    body = client.post("/v1/problems/nms/submissions", json={"code": code}).json()
    assert body["status"] == "failed" and not body["passed"]
    assert all(t["message"] for t in body["tests"] if not t["passed"])


def test_syntax_error_is_a_clear_result(client) -> None:  # type: ignore[no-untyped-def]
    body = client.post("/v1/problems/nms/submissions", json={"code": "def nms(:\n"}).json()
    assert body["status"] == "error" and "SyntaxError at line 1" in body["error"]


def test_empty_code_is_a_clear_result(client) -> None:  # type: ignore[no-untyped-def]
    body = client.post("/v1/problems/nms/submissions", json={"code": "  \n"}).json()
    assert body["status"] == "error" and "empty" in body["error"]


def test_oversize_code_is_413(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/problems/nms/submissions", json={"code": "#" * (65 * 1024)})
    assert response.status_code == 413
    assert "64 KiB" in response.json()["detail"]


def test_non_utf8_body_is_4xx(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/problems/nms/submissions", content=b'{"code": "\xff\xfe"}',
                           headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_missing_code_field_is_422(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/v1/problems/nms/submissions", json={}).status_code == 422
