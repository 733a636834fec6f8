"""``kaoda serve --workers 2`` on PostgreSQL: concurrent messages to one interview are serialised
(or refused with 409), never duplicated, lost or misordered, across processes; kill -9 of every
process mid-interview loses no acknowledged turn and leaves no interview locked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
from ui_procs import TEST_HOME, free_port, wait_until  # noqa: E402

PAIRS = 20
START_TIMEOUT_S = float(os.environ.get("KAODA_UI_TEST_START_TIMEOUT", "600"))


class Served:
    """The real service in its own process group (so kill -9 reaches every worker)."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url, self.log = db_url, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Served:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KAODA_LLM__")}
        env.update({"PYTHONPATH": str(ROOT), "KAODA_HOME": str(TEST_HOME),
                    "KAODA_DB__URL": self.db_url, "KAODA_AUTH__MODE": "accounts",
                    "KAODA_SANDBOX__KIND": "subprocess", "KAODA_LOG__FORMAT": "json"})
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "service.cli", "serve", "--port", str(self.port),
                 "--workers", "2"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        wait_until(f"{self.url}/readyz", self.process, self.log, START_TIMEOUT_S)
        self._wait_for_both_workers()
        return self

    def _wait_for_both_workers(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and len(self.worker_pids()) < 2:
            time.sleep(0.5)

    def worker_pids(self) -> set[int]:
        pids = set()
        for line in self.log.read_text(errors="replace").splitlines():
            if line.startswith("{") and '"Application startup complete."' in line:
                pids.add(json.loads(line)["pid"])
        return pids

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="module")
def served(pg_cluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:  # type: ignore[no-untyped-def]
    log = tmp_path_factory.mktemp("multiworker") / "service.log"
    server = Served(pg_cluster.fresh_database("multiworker"), log).start()
    try:
        yield server
    finally:
        server.stop()


def _login(url: str, name: str) -> dict[str, str]:
    body = {"username": name, "password": "a long password"}
    httpx.post(f"{url}/v1/auth/register", json=body, timeout=60)
    token = httpx.post(f"{url}/v1/auth/login", json=body, timeout=60).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def _start(http: httpx.Client) -> str:
    response = http.post("/v1/interviews", json={"track": "ml-fundamentals", "length": "full",
                                                  "language": "en", "seed": 5})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _check_transcript(turns: list[dict[str, Any]], acknowledged: list[str]) -> None:
    assert [t["seq"] for t in turns] == list(range(len(turns))), "a gap or a duplicate seq"
    said = [t["content"] for t in turns if t["role"] == "candidate"]
    assert len(said) == len(set(said)), "a candidate message stored twice"
    assert set(acknowledged) <= set(said), "an acknowledged message is missing"
    for index, turn in enumerate(turns):  # every message is followed by its own reply
        if turn["role"] == "candidate":
            following = [t["role"] for t in turns[index + 1:index + 3]]
            assert "interviewer" in following and following[0] != "candidate", following


def test_concurrent_pairs_over_two_workers(served: Served) -> None:
    headers = _login(served.url, "pairs")
    statuses: list[int] = []
    acknowledged: dict[str, list[str]] = {}
    with httpx.Client(base_url=served.url, headers=headers, timeout=120) as http:
        interview_id = _start(http)
        for pair in range(PAIRS):
            texts = [f"pair {pair} answer {side}: the gradient flows through the residual path"
                     for side in ("A", "B")]
            results: list[httpx.Response] = []

            def send(text: str, iid: str = interview_id,
                     into: list[httpx.Response] = results) -> None:
                into.append(http.post(f"/v1/interviews/{iid}/messages", json={"content": text}))

            threads = [threading.Thread(target=send, args=(text,)) for text in texts]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for text, response in zip(texts, results, strict=True):
                statuses.append(response.status_code)
                if response.status_code == 200:
                    sent = json.loads(response.request.content)["content"]
                    acknowledged.setdefault(interview_id, []).append(sent)
                else:
                    assert response.status_code == 409, response.text
                    assert response.json()["error"] in ("InterviewBusy", "InterviewClosed"), text
            if any(r.status_code == 200 and r.json()["finished"] for r in results) or \
                    any(r.status_code == 409 for r in results):
                interview_id = _start(http)  # finished: the next pairs go to a new one
        for iid, texts in acknowledged.items():
            _check_transcript(http.get(f"/v1/interviews/{iid}").json()["turns"], texts)
    assert not [s for s in statuses if s >= 500]
    assert statuses.count(200) >= PAIRS  # serialised, not refused
    assert len(served.worker_pids()) == 2


def test_kill_9_loses_no_acknowledged_turn(served: Served) -> None:
    headers = _login(served.url, "crash")
    acknowledged: dict[str, list[str]] = {}
    stop = threading.Event()
    with httpx.Client(base_url=served.url, headers=headers, timeout=60) as http:
        interviews = [_start(http) for _ in range(4)]

    def candidate(iid: str) -> None:
        with httpx.Client(base_url=served.url, headers=headers, timeout=60) as client:
            for n in range(200):
                if stop.is_set():
                    return
                text = f"{iid[:8]} message {n}: batch norm normalises over the batch"
                try:
                    response = client.post(f"/v1/interviews/{iid}/messages",
                                           json={"content": text})
                except httpx.HTTPError:
                    return  # the server died mid-request: not acknowledged
                if response.status_code != 200 or response.json()["finished"]:
                    return
                acknowledged.setdefault(iid, []).append(text)

    threads = [threading.Thread(target=candidate, args=(iid,)) for iid in interviews]
    for thread in threads:
        thread.start()
    time.sleep(3.0)
    served.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(len(v) for v in acknowledged.values()) >= 4, "too few turns before the kill"
    served.start()
    with httpx.Client(base_url=served.url, headers=headers, timeout=60) as http:
        for iid in interviews:
            transcript = http.get(f"/v1/interviews/{iid}").json()
            _check_transcript(transcript["turns"], acknowledged.get(iid, []))
            if transcript["status"] == "active":  # no lock survived the dead process
                again = http.post(f"/v1/interviews/{iid}/messages", json={"content": "again"})
                assert again.status_code == 200, again.text
