"""The candidate's journey through the HTTP API (issue 13): coding talk and 反问 wired into real
interviews, time control (pause, resume, end early), drafts, the report as Markdown and PDF, and
Practice (browse, random, history, the review queue, coding attempts) — in accounts mode on
SQLite and PostgreSQL, each route with its error cases and owner-only access.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from evaluators.catalog import get_problem
from service.practice import PracticeAttempt
from service.practice_store import PracticeDatabase
from service.storage.db import open_database


@pytest.fixture
def client(api):  # type: ignore[no-untyped-def]
    return api


def _start(client: Any, seed: int, language: str = "zh", track: str = "cv-intern") -> str:
    response = client.post("/v1/interviews", json={"track": track, "language": language,
                                                   "length": "short", "seed": seed})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _say(client: Any, interview_id: str, text: str) -> dict[str, Any]:
    response = client.post(f"/v1/interviews/{interview_id}/messages", json={"content": text})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _last(client: Any, interview_id: str) -> dict[str, Any]:
    turns = client.get(f"/v1/interviews/{interview_id}").json()["turns"]
    return next(t for t in reversed(turns) if t["role"] == "interviewer")


def _to_coding(client: Any, interview_id: str, knowledge: Any) -> str:
    """Answer the introduction and the concept questions; return the coding problem's id."""
    _say(client, interview_id, "我是李明，计算机硕士，做视觉检测方向，做过缺陷检测项目。")
    for _ in range(8):
        last = _last(client, interview_id)
        if last["kind"] == "present_coding":
            return str(last["directive"]["problem_id"])
        _say(client, interview_id, knowledge.get(last["directive"]["entry_id"]).answer_zh)
    raise AssertionError("never reached the coding stage")


def test_coding_talk_and_candidate_questions_in_a_real_interview(client, knowledge_base) -> None:  # type: ignore[no-untyped-def]
    interview_id = _start(client, seed=21)
    problem_id = _to_coding(client, interview_id, knowledge_base)
    reply = _say(client, interview_id, "我的思路是先遍历输入，逐步计算中间结果，然后汇总成输出。时间复杂度 O(n)，"
                                       "空间复杂度 O(n)，空输入单独处理。")
    assert reply["stage"] == "coding" and "O(n)" in reply["message"]
    assert "不能跳过" not in reply["message"] and "提交" in reply["message"]
    assert _last(client, interview_id)["kind"] == "coding_talk"
    code = client.post(f"/v1/interviews/{interview_id}/code", json={
        "problem_id": problem_id, "code": get_problem(problem_id).reference_source})
    assert code.status_code == 200 and code.json()["result"]["passed"]
    test = code.json()["result"]["tests"][0]
    assert test["message_zh"] == "通过"  # every test message also comes in Chinese
    _say(client, interview_id, "时间复杂度 O(n)，空间 O(n)。")
    answer = _say(client, interview_id, "实习生平时主要做什么？")
    assert answer["stage"] == "closed" and answer["finished"]  # short: one question, answered
    assert "不方便给确切答复" not in answer["message"] and "检测" in answer["message"]
    report = client.get(f"/v1/interviews/{interview_id}/report").json()["report"]
    assert report["coding"]["approach"]["time"] == "O(n)"
    assert report["coding"]["title_zh"] and report["question_categories"] == ["role"]
    assert set(report["topics"]) <= set(report["topic_names"])
    markdown = client.get(f"/v1/interviews/{interview_id}/report.md").text
    assert "## 反问" in markdown and "讲思路" in markdown and problem_id not in markdown
    history = client.get("/v1/practice/history").json()
    mine = [h for h in history if h["interview_id"] == interview_id]
    assert {h["kind"] for h in mine} == {"concept", "coding"}
    assert all(h["source"] == "interview" and h["title_zh"] for h in mine)


def test_end_early_pdf_and_owner_only(client) -> None:  # type: ignore[no-untyped-def]
    interview_id = _start(client, seed=22)
    _say(client, interview_id, "我是王磊，做大模型微调方向，做过 LoRA 微调客服模型的项目。")
    ended = client.post(f"/v1/interviews/{interview_id}/end")
    assert ended.status_code == 200 and ended.json()["finished"]
    assert "只按已经问到的内容评分" in ended.json()["message"]
    summary = next(i for i in client.get("/v1/interviews").json() if i["id"] == interview_id)
    assert summary["ended_early"] and summary["status"] == "finished" and not summary["paused"]
    assert client.post(f"/v1/interviews/{interview_id}/end").status_code == 409
    markdown = client.get(f"/v1/interviews/{interview_id}/report.md").text
    assert "面试提前结束" in markdown and "自我介绍" in markdown
    pdf = client.get(f"/v1/interviews/{interview_id}/report.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]
    bob = client.headers("bob")
    for method, path in (("get", "report.pdf"), ("get", "report.md"), ("post", "pause"),
                         ("post", "resume"), ("post", "end"), ("get", "drafts/nms")):
        other = getattr(client.client, method)(f"/v1/interviews/{interview_id}/{path}",
                                               headers=bob)
        assert other.status_code == 404, (path, other.text)
    assert client.get("/v1/interviews/nope/report.pdf").status_code == 404


def test_pause_blocks_answers_until_resumed(client) -> None:  # type: ignore[no-untyped-def]
    interview_id = _start(client, seed=23, language="en")
    paused = client.post(f"/v1/interviews/{interview_id}/pause")
    assert paused.status_code == 200 and paused.json()["paused"]
    frozen = paused.json()["elapsed_s"]
    blocked = client.post(f"/v1/interviews/{interview_id}/messages", json={"content": "hello"})
    assert blocked.status_code == 409 and "resume" in blocked.json()["detail"]
    again = client.get(f"/v1/interviews/{interview_id}").json()
    assert again["paused"] and again["elapsed_s"] == frozen  # the clock stands still
    resumed = client.post(f"/v1/interviews/{interview_id}/resume")
    assert resumed.status_code == 200 and not resumed.json()["paused"]
    assert _say(client, interview_id, "I'm Ann, I work on LLM fine-tuning.")["stage"] != "intro"
    assert client.post("/v1/interviews/nope/pause").status_code == 404


def test_drafts_survive_and_go_with_the_interview(client) -> None:  # type: ignore[no-untyped-def]
    interview_id = _start(client, seed=24)
    url = f"/v1/interviews/{interview_id}/drafts/nms"
    assert client.get(url).json()["code"] is None
    code = "def nms(boxes, scores, iou_threshold):\n    return []  # 先写个框架\n"
    assert client.put(url, json={"code": code}).status_code == 200
    assert client.put(url, json={"code": code + "# v2\n"}).json()["code"].endswith("# v2\n")
    assert client.get(url).json()["code"] == code + "# v2\n"
    assert client.put(url, json={"code": "x" * (65 * 1024)}).status_code == 413
    assert client.put(url, json={"code": 1}).status_code == 422
    practice = client.put("/v1/practice/drafts/nms", json={"code": "# practice"})
    assert practice.status_code == 200
    assert client.get("/v1/practice/drafts/nms").json()["code"] == "# practice"
    assert client.get("/v1/practice/drafts/no-such-problem").status_code == 404
    assert client.delete(f"/v1/interviews/{interview_id}").status_code == 204
    assert client.get(url).status_code == 404


def test_limits_route(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/v1/limits").json()
    assert body["message_chars"] == 8000 and body["resume_bytes"] == 5 * 1024 * 1024


def test_practice_browse_random_and_next(client) -> None:  # type: ignore[no-untyped-def]
    topics = client.get("/v1/practice/topics").json()
    named = {t["key"]: t for t in topics}
    assert named["attention"]["name_zh"] == "注意力与 Transformer" and named["attention"]["count"]
    coding = client.get("/v1/practice/questions", params={
        "topic": "attention", "kind": "coding", "difficulty": "medium"}).json()
    assert coding and all(q["kind"] == "coding" and q["difficulty"] == "medium"
                          and "attention" in q["topics"] for q in coding)
    assert all(q["title_zh"] and q["title_zh"] != q["id"] for q in coding)
    llm = client.get("/v1/practice/questions", params={"track": "llm-algorithm"}).json()
    assert llm and all("llm-algorithm" in q["tracks"] for q in llm)
    picked = client.get("/v1/practice/random", params={"topic": "attention", "kind": "coding",
                                                       "difficulty": "medium"}).json()
    assert picked["id"] in {q["id"] for q in coding} and not picked["from_review"]
    empty = client.get("/v1/practice/questions", params={"topic": "generative",
                                                         "kind": "coding", "difficulty": "hard"})
    assert empty.json() == []
    none = client.get("/v1/practice/random", params={"topic": "generative", "kind": "coding",
                                                     "difficulty": "hard"})
    assert none.status_code == 404 and "filters" in none.json()["detail"]
    assert client.get("/v1/practice/random", params={"difficulty": "impossible"}).status_code \
        == 422


def test_review_queue_brings_back_missed_points(client) -> None:  # type: ignore[no-untyped-def]
    carol = client.headers("carol")
    weak = client.client.post("/v1/questions/attention-mechanism/grade", headers=carol,
                              json={"answer": "注意力就是加权求和。", "language": "zh"})
    assert weak.status_code == 200
    assert client.client.get("/v1/practice/review", headers=carol).json() == []  # due tomorrow
    user_id = client.client.get("/v1/me", headers=carol).json()["id"]
    db = open_database(client.db_url)
    try:  # the same miss, two days ago: now due
        PracticeDatabase(db).add_attempt(user_id, PracticeAttempt(
            entry_id="bias-variance-tradeoff", score=20, missed=[0, 1], key_points=4,
            at=datetime.now(UTC) - timedelta(days=2)))
    finally:
        db.dispose()
    queue = client.client.get("/v1/practice/review", headers=carol).json()
    assert [item["id"] for item in queue] == ["bias-variance-tradeoff"]
    point = queue[0]["points"][0]
    assert point["text_zh"] and "漏掉了这个要点" in point["why_zh"] and "missed on" in point["why_en"]
    nxt = client.client.get("/v1/practice/next", headers=carol).json()
    assert nxt["id"] == "bias-variance-tradeoff" and nxt["from_review"]
    history = client.client.get("/v1/practice/history", headers=carol).json()
    assert [h["entry_id"] for h in history][:1] == ["attention-mechanism"]
    assert history[0]["title_zh"] and history[0]["score"] is not None


def test_practice_coding_runs_and_recorded_attempts(client) -> None:  # type: ignore[no-untyped-def]
    dave = client.headers("dave")
    reference = get_problem("nms").reference_source
    run = client.client.post("/v1/practice/problems/nms/runs", headers=dave,
                             json={"code": "def nms(boxes, scores, iou_threshold):\n    return 1\n"})
    assert run.status_code == 200 and not run.json()["passed"]
    assert any(t["message_zh"] != t["message"] for t in run.json()["tests"])
    assert client.client.get("/v1/practice/history", headers=dave).json() == []  # not recorded
    graded = client.client.post("/v1/practice/problems/nms/attempts", headers=dave,
                                json={"code": reference})
    assert graded.status_code == 201 and graded.json()["result"]["passed"]
    history = client.client.get("/v1/practice/history", headers=dave).json()
    assert history[0]["kind"] == "coding" and history[0]["score"] == 100
    assert history[0]["title_zh"] == get_problem("nms").title_zh
    missing = client.client.post("/v1/practice/problems/nope/attempts", headers=dave,
                                 json={"code": reference})
    assert missing.status_code == 404
