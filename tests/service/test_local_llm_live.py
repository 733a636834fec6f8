"""Against the real local LLM: llama.cpp serving the bundled Qwen model, through the ``openai``
client, behind the real service.

Skipped (with the reason) only when the ``llm`` extra is not installed here; under CI
(``CI=true``), where ``.ci/run`` installs it, a missing extra is a failure instead, so these tests
cannot silently stop running.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from test_interview_flow import _drive, _last_interviewer, _start, _strong, _upload_resume

from service.config import Settings
from service.local_llm.assemble import assemble, parts_installed
from service.local_llm.catalog import DEFAULT_LOCAL_MODEL, get_model
from service.local_llm.installer import runtime_problem
from service.local_llm.server import LocalServer, ServerSpec

MODEL = get_model(os.environ.get("KAODA_TEST_LOCAL_MODEL", DEFAULT_LOCAL_MODEL))


def _missing() -> str | None:
    problem = runtime_problem()
    if problem is None and not parts_installed(MODEL):
        problem = f"the part packages of {MODEL.name} are not installed"
    return problem


@pytest.fixture(scope="module", autouse=True)
def _require_extra() -> None:
    problem = _missing()
    if problem is None:
        return
    message = f"the local LLM extra is not installed ({problem}); run `kaoda llm setup`"
    if os.environ.get("CI"):
        pytest.fail(f"{message} — .ci/run installs it, so under CI this is an error")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(settings: Settings, state_dir: Path) -> LocalServer:
    path = assemble(MODEL, settings.local_llm_dir)
    server = LocalServer(ServerSpec(path, MODEL.name, port=_free_port(), n_ctx=4096), state_dir)
    server.start(timeout_s=180)
    return server


@pytest.fixture(scope="module")
def local_server(settings, tmp_path_factory) -> Iterator[LocalServer]:  # type: ignore[no-untyped-def]
    server = _start_server(settings, tmp_path_factory.mktemp("llm-server"))
    yield server
    server.stop()


def _llm_client(settings: Settings, server: LocalServer, db: Path) -> Any:
    from fastapi.testclient import TestClient

    from service.main import create_app

    configured = settings.model_copy(update={
        "llm": settings.llm.model_copy(update={
            "base_url": server.spec.base_url, "model": MODEL.name, "profile": "small",
            "judge": "llm", "timeout_s": 60.0}),  # the LLM judge is opt-in: exercise its path
        "db": settings.db.model_copy(update={"url": f"sqlite:///{db}"})})
    return TestClient(create_app(configured))


@pytest.fixture(scope="module")
def llm_client(settings, local_server, tmp_path_factory) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    with _llm_client(settings, local_server, tmp_path_factory.mktemp("db") / "k.db") as client:
        yield client


def test_openai_client_talks_to_the_local_server(local_server: LocalServer) -> None:
    client = openai.OpenAI(base_url=local_server.spec.base_url, api_key="not-needed")
    assert MODEL.name in [m.id for m in client.models.list()]
    stream = client.chat.completions.create(
        model=MODEL.name, messages=[{"role": "user", "content": "用一句话说：你好"}],
        stream=True, max_tokens=16, temperature=0)
    pieces = [c.choices[0].delta.content or "" for c in stream if c.choices]
    assert len([p for p in pieces if p]) > 1 and "".join(pieces).strip()


@pytest.mark.skipif(os.environ.get("KAODA_LIVE_FULL") != "1",
                    reason="a whole interview with the 0.5B model as voice and judge takes ~10 "
                           "minutes on 2 cores; the local LLM is opt-in (KAODA_LOCAL_LLM=on), and "
                           "the streamed turn, judge JSON and kill tests below cover its paths. "
                           "Run it with KAODA_LIVE_FULL=1.")
def test_whole_short_interview_with_the_local_llm(llm_client, knowledge_base) -> None:  # type: ignore[no-untyped-def]
    ready = llm_client.get("/readyz").json()
    assert ready["brain"] == f"llm:{MODEL.name}" and ready["judge"] == f"llm:{MODEL.name}"
    interview_id = _start(llm_client, _upload_resume(llm_client), seed=7)
    turns = _drive(llm_client, interview_id, _strong(knowledge_base))
    spoken = [t for t in turns if t["role"] == "interviewer"]
    assert spoken[0]["kind"] == "greet_and_ask_intro" and spoken[-1]["kind"] == "close"
    assert all(t["content"].strip() for t in spoken)
    brains = {t["brain"] for t in spoken}
    assert brains <= {f"llm:{MODEL.name}", "offline (fallback)"}
    assert f"llm:{MODEL.name}" in brains  # the real model spoke (the guard rejects some lines)
    judged = [t["grade"] for t in turns if t["grade"]]
    assert judged and any(g["method"] == "llm" for g in judged)  # the judge's JSON path
    report = llm_client.get(f"/v1/interviews/{interview_id}/report").json()["report"]
    assert report["overall"] >= 50 and report["coding"]["passed"]


def test_streamed_turn_from_the_local_llm(llm_client) -> None:  # type: ignore[no-untyped-def]
    import json

    interview_id = _start(llm_client, None, seed=4)
    with llm_client.stream("POST", f"/v1/interviews/{interview_id}/messages/stream",
                           json={"content": "我是王五，做 NLP 和大模型方向，做过 RAG 项目。"}) as response:
        assert response.status_code == 200
        body = "".join(response.iter_text())
    events = [block.split("\n", 1) for block in body.strip().split("\n\n")]
    streamed = "".join(json.loads(data[len("data: "):])["text"]
                       for head, data in events if head == "event: delta")
    last = _last_interviewer(llm_client, interview_id)
    assert streamed.strip() and last["content"] == streamed
    assert last["brain"] in (f"llm:{MODEL.name}", "offline (fallback)")


def test_server_killed_mid_interview_loses_no_turn(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = _start_server(settings, tmp_path / "state")
    try:
        with _llm_client(settings, server, tmp_path / "k.db") as client:
            interview_id = _start(client, None, seed=11)
            reply = client.post(f"/v1/interviews/{interview_id}/messages",
                                json={"content": "我是赵六，做大模型推理优化，熟悉 KV cache 和量化。"})
            assert reply.status_code == 200
            before = client.get(f"/v1/interviews/{interview_id}").json()["turns"]
            server.stop()  # the LLM goes away between two turns
            answer = "注意力是 softmax(QK^T/√d_k)V，除以根号 d_k 是因为点积方差随维度增大，softmax 会饱和。"
            reply = client.post(f"/v1/interviews/{interview_id}/messages",
                                json={"content": answer})
            assert reply.status_code == 200 and reply.json()["message"].strip()
            turns = client.get(f"/v1/interviews/{interview_id}").json()["turns"]
    finally:
        server.stop()
    assert len(turns) > len(before)
    assert any(t["role"] == "candidate" and t["content"] == answer for t in turns)
    assert turns[-1]["role"] == "interviewer" and turns[-1]["brain"] == "offline (fallback)"
    graded = [t["grade"] for t in turns if t["grade"]]
    assert graded and graded[-1]["method"] == "rubric"  # the judge fell back too


GOOD_ATTENTION = (
    "注意力就是用 Q 和每个 K 做点积算相似度，softmax 归一化成权重，再对 V 加权求和："
    "softmax(QK^T/√d_k)V。自注意力里 Q、K、V 来自同一序列的三个线性投影。除以 √d_k 是因为点积"
    "方差随 d_k 增大，softmax 会饱和、梯度变小。解码器里用因果掩码把未来位置设成 −∞。"
    "多头就是把维度拆成几份分别做注意力再拼接，能在不同子空间关注不同关系。")


def test_judge_json_path_against_the_real_model(local_server, knowledge_base) -> None:  # type: ignore[no-untyped-def]
    from service.interview.brains.registry import build_judge
    from service.interview.grading import RubricGrader

    rubric = RubricGrader.from_index(knowledge_base.index)
    judge = build_judge("llm", rubric=rubric, base_url=local_server.spec.base_url,
                        model=MODEL.name, timeout_s=60, compact=True)
    entry = knowledge_base.get("attention-mechanism")
    # a candidate-sized answer: the whole reference answer makes a prompt the 0.5B model may not
    # finish within the timeout on a loaded 2-core machine
    good = judge.grade(entry, GOOD_ATTENTION, "zh")
    good_error = judge.last_error  # (reset by the next grade)
    vague = judge.grade(entry, "注意力嘛，就是让模型关注重要的地方，具体公式我记不清了。", "zh")
    assert good.method == "llm", good_error  # schema-constrained: always parses
    # the vague answer reaches the model unless the rubric already scores it 0 (a non-answer or
    # off topic: by design the model is not asked then)
    assert vague.method == "llm" or vague.score == 0, judge.last_error
    for grade in (good, vague):
        assert set(grade.hit) | set(grade.missed) == set(range(len(entry.key_points)))
    assert good.score > vague.score
