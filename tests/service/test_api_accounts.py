"""Accounts mode over both databases: every user-data route answers its owner, 404 to another
user and 401 without a token; lists show only one's own; deletion leaves nothing behind and the
export holds everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

RESUME = Path(__file__).parent / "fixtures" / "resumes" / "zh_cv_intern.md"
ANON = {"Authorization": ""}  # overrides the client's default token: no credentials


def _resume(api: Any, headers: dict[str, str] | None = None) -> str:
    response = api.post("/v1/resumes", files={"file": ("cv.md", RESUME.read_bytes(),
                                                       "text/markdown")}, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _interview(api: Any, resume_id: str | None = None,
               headers: dict[str, str] | None = None) -> str:
    response = api.post("/v1/interviews", json={"track": "cv-intern", "length": "short",
                                                "seed": 3, "resume_id": resume_id},
                        headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.fixture
def owned(api: Any) -> dict[str, str]:
    """Alice's résumé and interview (with one answered turn) and Bob's token headers."""
    resume_id = _resume(api)
    interview_id = _interview(api, resume_id)
    assert api.post(f"/v1/interviews/{interview_id}/messages",
                    json={"content": "我是李明，做目标检测。"}).status_code == 200
    return {"resume": resume_id, "interview": interview_id}


def _requests(ids: dict[str, str]) -> list[tuple[str, str, dict[str, Any], int]]:
    """(method, path, request kwargs, the owner's success status) for every user-data route."""
    resume, interview = ids["resume"], ids["interview"]
    claims = {"claims": [{"name": "PCB 缺陷检测", "kind": "project", "raw": "PCB 缺陷检测"}]}
    return [
        ("GET", f"/v1/resumes/{resume}", {}, 200),
        ("PUT", f"/v1/resumes/{resume}/claims", {"json": claims}, 200),
        ("POST", "/v1/interviews", {"json": {"track": "cv-intern", "resume_id": resume}}, 201),
        ("GET", f"/v1/interviews/{interview}", {}, 200),
        ("GET", f"/v1/interviews/{interview}/report", {}, 200),
        ("GET", f"/v1/interviews/{interview}/report.md", {}, 200),
        ("POST", f"/v1/interviews/{interview}/messages", {"json": {"content": "PCB 质检"}}, 200),
        ("POST", f"/v1/interviews/{interview}/messages/stream", {"json": {"content": "YOLO"}},
         200),
        ("POST", f"/v1/interviews/{interview}/code", {"json": {"problem_id": "nms",
                                                               "code": "x = 1"}}, 409),
    ]


def test_other_user_gets_404_and_anonymous_401_on_every_route(api, owned) -> None:  # type: ignore[no-untyped-def]
    bob = api.headers("bob")
    for method, path, kwargs, ok in _requests(owned):
        assert api.request(method, path, headers=ANON, **kwargs).status_code == 401, path
        response = api.request(method, path, headers=bob, **kwargs)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"] == "NotFound"
        assert api.request(method, path, **kwargs).status_code == ok, path
    for method, path in [("DELETE", f"/v1/interviews/{owned['interview']}"),
                         ("DELETE", f"/v1/resumes/{owned['resume']}")]:
        assert api.request(method, path, headers=ANON).status_code == 401
        assert api.request(method, path, headers=bob).status_code == 404
        assert api.request(method, path).status_code == 204
        assert api.request(method, path).status_code == 404  # gone


def test_anonymous_is_401_with_a_bearer_challenge(api) -> None:  # type: ignore[no-untyped-def]
    for method, path in [("GET", "/v1/resumes"), ("GET", "/v1/interviews"),
                         ("GET", "/v1/practice"), ("GET", "/v1/me"), ("GET", "/v1/me/export"),
                         ("DELETE", "/v1/me"), ("POST", "/v1/auth/logout")]:
        response = api.request(method, path, headers=ANON)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"] == "Unauthenticated"
    graded = api.post("/v1/questions/attention-mechanism/grade", headers=ANON,
                      json={"answer": "softmax(QK^T/sqrt(d))V"})
    assert graded.status_code == 401
    code = api.post("/v1/problems/nms/submissions", json={"code": "x = 1"}, headers=ANON)
    assert code.status_code == 401
    bad = api.get("/v1/me", headers={"Authorization": "Bearer not-a-real-token"})
    assert bad.status_code == 401
    assert api.get("/v1/knowledge/search", params={"q": "dropout"}, headers=ANON).status_code \
        == 200  # the question bank is public


def test_lists_show_only_ones_own(api, owned) -> None:  # type: ignore[no-untyped-def]
    carol = api.headers("carol")
    carol_interview = _interview(api, headers=carol)
    api.post("/v1/questions/activation-functions/grade", json={"answer": "随机丢弃神经元"}, headers=carol)
    mine = {i["id"] for i in api.get("/v1/interviews").json()}
    theirs = {i["id"] for i in api.get("/v1/interviews", headers=carol).json()}
    assert owned["interview"] in mine and carol_interview not in mine
    assert theirs == {carol_interview}
    assert owned["resume"] in {r["id"] for r in api.get("/v1/resumes").json()}
    assert api.get("/v1/resumes", headers=carol).json() == []
    practice = api.get("/v1/practice", headers=carol).json()
    assert [p["entry_id"] for p in practice] == ["activation-functions"]
    assert not {p["id"] for p in practice} & {p["id"] for p in api.get("/v1/practice").json()}


def test_register_login_logout(api) -> None:  # type: ignore[no-untyped-def]
    body = {"username": "Dave_01", "password": "long enough pw"}
    created = api.post("/v1/auth/register", json=body, headers=ANON)
    assert created.status_code == 201
    assert created.json()["username"] == "dave_01" and created.json()["mode"] == "accounts"
    assert api.post("/v1/auth/register", json=body, headers=ANON).status_code == 409
    assert api.post("/v1/auth/register", json={"username": "x", "password": "long enough"},
                    headers=ANON).status_code == 422
    assert api.post("/v1/auth/register", json={"username": "eve", "password": "short"},
                    headers=ANON).status_code == 422
    wrong = api.post("/v1/auth/login", json={**body, "password": "wrong password"}, headers=ANON)
    assert wrong.status_code == 401 and "password" in wrong.json()["detail"]
    login = api.post("/v1/auth/login", json={"username": "DAVE_01", "password": body["password"]},
                     headers=ANON)
    assert login.status_code == 200
    token = login.json()
    assert token["token_type"] == "bearer" and token["expires_in"] > 3600
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert api.get("/v1/me", headers=headers).json()["username"] == "dave_01"
    assert api.post("/v1/auth/logout", headers=headers).status_code == 204
    assert api.get("/v1/me", headers=headers).status_code == 401  # revoked at once


def test_delete_me_removes_everything(api) -> None:  # type: ignore[no-untyped-def]
    frank = api.headers("frank")
    resume_id = _resume(api, frank)
    interview_id = _interview(api, resume_id, frank)
    api.post(f"/v1/interviews/{interview_id}/messages", json={"content": "你好"}, headers=frank)
    api.post("/v1/questions/activation-functions/grade", json={"answer": "随机丢弃"}, headers=frank)
    assert api.delete("/v1/me", headers=frank).status_code == 204
    assert api.get("/v1/me", headers=frank).status_code == 401  # the token went with it
    del api.tokens["frank"]
    fresh = api.headers("frank")  # the name is free again, and the new account is empty
    assert api.get(f"/v1/interviews/{interview_id}", headers=fresh).status_code == 404
    assert api.get(f"/v1/resumes/{resume_id}", headers=fresh).status_code == 404
    export = api.get("/v1/me/export", headers=fresh).json()
    assert export["resumes"] == [] and export["interviews"] == [] and export["practice"] == []


def test_export_round_trips(api, owned) -> None:  # type: ignore[no-untyped-def]
    api.post("/v1/questions/activation-functions/grade", json={"answer": "训练时随机丢弃神经元，推理时缩放"})
    export = api.get("/v1/me/export").json()
    assert export["user"]["username"] == "alice"
    resumes = {r["id"]: r for r in export["resumes"]}
    assert resumes[owned["resume"]] == api.get(f"/v1/resumes/{owned['resume']}").json()
    interviews = {i["id"]: i for i in export["interviews"]}
    assert interviews[owned["interview"]] == api.get(f"/v1/interviews/{owned['interview']}").json()
    assert {i["id"] for i in api.get("/v1/interviews").json()} == set(interviews)
    practice = api.get("/v1/practice").json()
    assert export["practice"] == practice and practice


def test_concurrent_messages_are_serialised(api) -> None:  # type: ignore[no-untyped-def]
    """In one process (the two-process run on PostgreSQL is test_multiworker.py)."""
    from concurrent.futures import ThreadPoolExecutor

    interview_id = _interview(api)
    url = f"/v1/interviews/{interview_id}/messages"
    texts = [f"pair {i} {side}: residual connections ease optimisation" for i in range(8)
             for side in "AB"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(lambda text: api.post(url, json={"content": text}).status_code,
                                 texts))
    assert set(statuses) <= {200, 409} and statuses.count(200) >= 8, statuses
    turns = api.get(f"/v1/interviews/{interview_id}").json()["turns"]
    assert [t["seq"] for t in turns] == list(range(len(turns)))
    said = [t["content"] for t in turns if t["role"] == "candidate"]
    assert len(said) == len(set(said)) == statuses.count(200)
