"""Offline-brain turn latency with concurrent scripted candidates against a running service.

Starts the real service (``kaoda serve``) on a free loopback port with its own database, then
runs N scripted candidates at once (threads), each going through a whole short interview
without a résumé: intro → concept answers → a code submission → questions → close. Every HTTP
turn (message or code) is timed from request to complete response; code turns include running
the submission in the sandbox. Candidates pause ``--think`` seconds (±50%) before each turn, as
people do; ``--think 0`` fires turns back to back and measures saturation instead. Prints
p50/p95/max per turn kind and overall, and the number of failed turns.

``--workers N`` (N > 1) runs the same load twice in one run — on 1 worker process, then on N —
each against a fresh database; ``--db postgresql`` uses a throwaway PostgreSQL server (Debian's,
see ``tests/pg_cluster.py``) instead of SQLite; ``--auth accounts`` makes every candidate
register and log in, and send its bearer token with each turn.

    python benchmarks/interview.py [--candidates 20] [--workers 2] [--db postgresql]
                                   [--auth accounts] [--home ~/.cache/kaoda]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
TRACKS = ("cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(home: str, db_url: str, workers: int,
                  auth: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "KAODA_HOME": home, "KAODA_DB__URL": db_url, "KAODA_AUTH__MODE": auth,
           "KAODA_LOG__LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                time.sleep(5 if workers > 1 else 0)  # the other workers finish loading
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("service did not become ready")


def login(http: httpx.Client, index: int) -> None:
    body = {"username": f"candidate-{index}", "password": "benchmark password"}
    http.post("/v1/auth/register", json=body)
    token = http.post("/v1/auth/login", json=body).json()["access_token"]
    http.headers["Authorization"] = f"Bearer {token}"


def candidate(url: str, index: int, timings: list[tuple[str, float]], failures: list[int],
              think_s: float, auth: str) -> None:
    rng = random.Random(index)
    with httpx.Client(base_url=url, timeout=120) as http:
        if auth == "accounts":
            login(http, index)
        body = {"track": TRACKS[index % 4], "language": "zh" if index % 2 else "en",
                "length": "short", "seed": index}
        interview = http.post("/v1/interviews", json=body).json()
        iid = interview["id"]
        for _ in range(40):
            turns = http.get(f"/v1/interviews/{iid}").json()["turns"]
            last = next(t for t in reversed(turns) if t["role"] == "interviewer")
            kind = last["kind"]
            if kind == "close":
                return
            time.sleep(think_s * rng.uniform(0.5, 1.5))  # reading the question and typing
            started = time.perf_counter()
            if kind in ("present_coding",) and last["directive"].get("problem_id"):
                response = http.post(f"/v1/interviews/{iid}/code", json={
                    "problem_id": last["directive"]["problem_id"], "code": "x = 1\n"})
                label = "code"
            else:
                text = "no more" if kind in ("invite_questions", "answer_candidate_question") \
                    else "I would explain the mechanism, the formula and the trade-offs here."
                response = http.post(f"/v1/interviews/{iid}/messages", json={"content": text})
                label = "message"
            timings.append((label, (time.perf_counter() - started) * 1000))
            if response.status_code != 200:
                failures.append(response.status_code)
                return


def run_load(args: argparse.Namespace, db_url: str, workers: int) -> None:
    proc, url = start_service(args.home, db_url, workers, args.auth)
    try:
        timings: list[tuple[str, float]] = []
        failures: list[int] = []
        threads = [threading.Thread(target=candidate,
                                    args=(url, i, timings, failures, args.think, args.auth))
                   for i in range(args.candidates)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    print(f"\n[{workers} worker{'s' if workers > 1 else ''}, {args.db}, auth {args.auth}] "
          f"{args.candidates} concurrent candidates, think time {args.think:.1f} s, "
          f"{len(timings)} turns in {wall:.1f} s, failed turns: {len(failures)} {failures[:5]}")
    for label in ("message", "code", "all"):
        values = [ms for kind, ms in timings if label in (kind, "all")]
        if values:
            print(f"{label:<8} n={len(values):<4} p50 {np.percentile(values, 50):7.1f} ms   "
                  f"p95 {np.percentile(values, 95):7.1f} ms   max {max(values):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a candidate takes before each turn (0: saturation)")
    parser.add_argument("--workers", type=int, default=1,
                        help="N > 1: run on 1 worker process, then on N (same run)")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--auth", choices=("local", "accounts"), default="local")
    parser.add_argument("--home", default=os.environ.get("KAODA_HOME",
                                                         str(Path.home() / ".cache" / "kaoda")))
    args = parser.parse_args()
    cluster = None
    if args.db == "postgresql":
        from pg_cluster import PostgresCluster

        cluster = PostgresCluster().start()
    try:
        with tempfile.TemporaryDirectory() as db_dir:
            for workers in sorted({1, args.workers}):
                name = f"bench{workers}"
                url = cluster.fresh_database(name) if cluster else f"sqlite:///{db_dir}/{name}.db"
                run_load(args, url, workers)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
