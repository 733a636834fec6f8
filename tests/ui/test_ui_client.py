"""The UI's HTTP client against the real service: data, streaming, and the exception tree."""

from __future__ import annotations

import pytest
from ui_driver import RESUME
from ui_procs import free_port

from ui.client import (
    Conflict,
    FileRejected,
    KaodaClient,
    NotFound,
    Rejected,
    ServiceDown,
    ServiceTimeout,
)


@pytest.fixture
def kaoda(service_url: str):  # type: ignore[no-untyped-def]
    client = KaodaClient(service_url)
    yield client
    client.close()


def test_streamed_turn_yields_deltas_then_the_final_payload(kaoda: KaodaClient) -> None:
    started = kaoda.start_interview("ml-fundamentals", "en", "short")
    assert started["message"] and started["stage"] == "intro"
    stream = kaoda.stream_message(started["id"], "I am a master's student working on NLP.")
    chunks = list(stream)
    assert len(chunks) >= 1 and "".join(chunks).strip()
    assert stream.done is not None and stream.done["stage"] != "intro"
    assert stream.done["message"] == "".join(chunks)
    assert stream.brain == "offline"


def test_errors_map_to_the_tree_with_both_languages(kaoda: KaodaClient) -> None:
    with pytest.raises(NotFound) as missing:
        kaoda.interview("no-such-interview")
    assert missing.value.status == 404 and "未找到" in missing.value.message("zh")
    with pytest.raises(Rejected):
        kaoda.search(" ", 5)
    with pytest.raises(FileRejected) as bad_file:
        kaoda.upload_resume("cv.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")
    assert bad_file.value.detail_zh and bad_file.value.detail_zh in bad_file.value.message("zh")
    assert bad_file.value.detail in bad_file.value.message("en")


def test_code_outside_the_coding_stage_is_a_conflict(kaoda: KaodaClient) -> None:
    started = kaoda.start_interview("cv-intern", "zh", "short")
    with pytest.raises(Conflict) as conflict:
        kaoda.submit_code(started["id"], "nms", "x = 1\n")
    assert conflict.value.status == 409 and "当前无法进行" in conflict.value.message("zh")


def test_service_down_and_timeout_are_readable() -> None:
    down = KaodaClient(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ServiceDown) as exc:
        down.interviews()
    assert "无法连接" in exc.value.message("zh") and "Cannot reach" in exc.value.message("en")
    with pytest.raises(ServiceDown):
        list(down.stream_message("x", "hi"))


def test_timeout_is_its_own_error(service_url: str) -> None:
    slow = KaodaClient(service_url, timeout_s=0.001)
    with pytest.raises(ServiceTimeout) as exc:
        slow.run_tests("nms", "import time\ntime.sleep(1)\n")
    assert "超时" in exc.value.message("zh")


def test_resume_claims_round_trip(kaoda: KaodaClient) -> None:
    resume = kaoda.upload_resume("cv.md", RESUME.read_bytes(), "text/markdown")
    claims = resume["claims"]
    assert claims and any("YOLOv8" in str(c) for c in claims)
    claims[0]["name"] = "PCB 缺陷检测（已修改）"
    updated = kaoda.update_claims(resume["id"], claims)
    assert updated["claims"][0]["name"] == "PCB 缺陷检测（已修改）"
