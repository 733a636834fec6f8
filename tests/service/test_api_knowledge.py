"""Health, readiness and the knowledge routes: a success and an error test for each."""

from __future__ import annotations


def test_healthz(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_index_model_and_sandbox(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/readyz").json()
    assert body["status"] == "ready" and body["index_loaded"]
    assert "e5" in body["model"] and body["entries"] >= 69
    assert body["problems"] == 54
    assert body["sandbox"]["level"] in ("full", "partial")


def test_search(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/v1/knowledge/search", params={"q": "手撕多头注意力", "k": 3})
    assert response.status_code == 200
    results = response.json()
    assert len(results) == 3 and results[0]["id"] == "multi_head_attention"
    assert set(results[0]) == {"id", "score", "question_zh", "question_en", "kind"}


def test_search_empty_query_is_422(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/v1/knowledge/search", params={"q": ""}).status_code == 422
    assert client.get("/v1/knowledge/search", params={"q": "   "}).status_code == 422
    assert client.get("/v1/knowledge/search").status_code == 422


def test_search_overlong_query_is_422(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/v1/knowledge/search", params={"q": "注" * 501}).status_code == 422


def test_search_bad_k_is_422(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/v1/knowledge/search", params={"q": "bn", "k": 0}).status_code == 422
    assert client.get("/v1/knowledge/search", params={"q": "bn", "k": 500}).status_code == 422


def test_get_entry(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/v1/knowledge/kv-cache").json()
    assert body["id"] == "kv-cache" and body["answer_zh"] and body["key_points"]


def test_unknown_entry_is_404_with_message(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/v1/knowledge/not-a-topic")
    assert response.status_code == 404
    assert "not-a-topic" in response.json()["detail"]
