"""Fair sharing of sandbox slots: per-client limits, round-robin grants, clear refusals."""

from __future__ import annotations

import asyncio
import collections
import threading
import time

import pytest

from service.admission import Admission, Busy


async def _hold(admission: Admission, client: str, log: list[str], release: asyncio.Event) -> None:
    async with admission.slot(client):
        log.append(client)
        await release.wait()


def test_one_client_cannot_hold_every_worker() -> None:
    async def scenario() -> list[str]:
        admission = Admission(capacity=2)  # one running per client by default
        release, log = asyncio.Event(), []
        flood = [asyncio.create_task(_hold(admission, "flooder", log, release))
                 for _ in range(3)]
        await asyncio.sleep(0.01)
        other = asyncio.create_task(_hold(admission, "other", log, release))
        await asyncio.sleep(0.01)
        assert log == ["flooder", "other"]  # the second worker went to the other client
        assert admission.snapshot()["waiting"] == 2
        release.set()
        await asyncio.gather(*flood, other)
        admission.close()
        return log

    assert asyncio.run(scenario()) == ["flooder", "other", "flooder", "flooder"]


def test_grants_go_round_robin_between_waiting_clients() -> None:
    async def scenario() -> list[str]:
        admission = Admission(capacity=1, per_client_running=1, per_client_queued=10)
        release, log = asyncio.Event(), []
        first = asyncio.create_task(_hold(admission, "a", log, release))
        await asyncio.sleep(0.01)
        tasks = [asyncio.create_task(_hold(admission, c, log, release)) for c in "aaab"]
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(first, *tasks)
        admission.close()
        return log

    order = asyncio.run(scenario())
    assert order.index("b") <= 2  # b's first run does not wait behind a's whole queue


def test_too_many_queued_is_busy_with_retry_after() -> None:
    async def scenario() -> Busy:
        admission = Admission(capacity=1, per_client_running=1, per_client_queued=1)
        release, log = asyncio.Event(), []
        held = [asyncio.create_task(_hold(admission, "a", log, release)) for _ in range(2)]
        await asyncio.sleep(0.01)
        with pytest.raises(Busy) as refused:
            async with admission.slot("a"):
                pass
        release.set()
        await asyncio.gather(*held)
        admission.close()
        return refused.value

    busy = asyncio.run(scenario())
    assert busy.retry_after >= 1 and "at most 1 running" in str(busy)


def test_waiting_too_long_is_busy_not_an_error() -> None:
    async def scenario() -> None:
        admission = Admission(capacity=1, per_client_running=1, max_wait_s=0.05)
        release, log = asyncio.Event(), []
        held = asyncio.create_task(_hold(admission, "a", log, release))
        await asyncio.sleep(0.01)
        with pytest.raises(Busy, match="busy"):
            async with admission.slot("b"):
                pass
        assert admission.snapshot()["waiting"] == 0
        release.set()
        await held
        admission.close()

    asyncio.run(scenario())


def test_a_cancelled_waiter_leaves_the_queue() -> None:
    async def scenario() -> None:
        admission = Admission(capacity=1)
        release, log = asyncio.Event(), []
        held = asyncio.create_task(_hold(admission, "a", log, release))
        await asyncio.sleep(0.01)
        waiter = asyncio.create_task(_hold(admission, "b", log, release))
        await asyncio.sleep(0.01)
        waiter.cancel()
        await asyncio.gather(waiter, return_exceptions=True)
        assert admission.snapshot()["waiting"] == 0
        release.set()
        await held
        assert admission.snapshot() == {"capacity": 1, "running": 0, "waiting": 0, "clients": 0}
        admission.close()

    asyncio.run(scenario())


def test_run_keeps_the_slot_until_the_work_really_ends() -> None:
    started, finish = threading.Event(), threading.Event()

    def work() -> str:
        started.set()
        finish.wait(5)
        return "done"

    async def scenario() -> None:
        admission = Admission(capacity=1)
        task = asyncio.create_task(admission.run("a", work))
        while not started.is_set():
            await asyncio.sleep(0.005)
        task.cancel()  # the client went away
        await asyncio.sleep(0.02)
        assert admission.running == 1  # the sandbox is still busy with its run
        finish.set()
        await asyncio.gather(task, return_exceptions=True)
        deadline = time.monotonic() + 2
        while admission.running and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert admission.running == 0
        admission.close()

    asyncio.run(scenario())


class _Everyone(collections.Counter):  # type: ignore[type-arg]
    """Every client already runs many submissions (the pool is full of its work)."""

    def __missing__(self, key: object) -> int:
        return 99


@pytest.mark.parametrize("path", ["/v1/problems/nms/submissions",
                                  "/v1/practice/problems/nms/runs",
                                  "/v1/practice/problems/nms/attempts"])
def test_every_code_route_goes_through_admission(client, path: str,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each route that runs code takes a fair slot: beyond the client's share, a clear 429."""
    admission = client.app.state.admission
    monkeypatch.setattr(admission, "_running", _Everyone())
    monkeypatch.setattr(admission, "per_client_queued", 0)
    response = client.post(path, json={"code": "def nms(boxes, scores, iou_threshold):\n  pass\n"})
    assert response.status_code == 429, response.text
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["error"] and "wait" in response.json()["detail"]
