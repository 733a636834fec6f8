"""The service under a hostile client: fair sharing, /healthz, memory (used by sandbox.py).

Starts the real service (uvicorn, the configured home, two sandbox workers) and talks to it over
HTTP from distinct loopback source addresses, so each is a different client to the admission
control:

* **flood** — client A fires ``--flood`` concurrent submissions that sleep past the problem's
  time limit (each would hold a sandbox worker for the whole limit); meanwhile client B submits
  the correct solution again and again, and client C polls ``/healthz`` every 20 ms. Reported:
  B's latency before and during the flood (the wait it suffers), ``/healthz`` latency
  throughout, what A got back (200/429/503, never a 5xx other than 503).
* **memory** — clients submit, concurrently, a solution whose first result is the largest the
  sandbox accepts (one ~62 MB float32 tensor, just under the 64 MiB result cap) and one whose
  first result is ~60 MB of nested lists; the service's peak RSS (``VmHWM`` after resetting it through
  ``/proc/<pid>/clear_refs``) is compared with its RSS before.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
PROBLEM = "scaled_dot_product_attention"
SLEEPER = "import time\n\ndef scaled_dot_product_attention(q, k, v, mask=None):\n" \
          "    time.sleep(120)\n"
# the first test's result is the largest one the sandbox accepts (~62 MB); the others are tiny
BIG_RESULT = ("import torch\nCALLS = [0]\n\ndef scaled_dot_product_attention(q, k, v, mask=None):"
              "\n    CALLS[0] += 1\n    size = 15_500_000 if CALLS[0] == 1 else 1\n"
              "    return torch.zeros(size), torch.zeros(1)\n")
NESTED_RESULT = ("ROWS = [[[float(i)] * 64 for i in range(8)] for _ in range(15_000)]\nCALLS = [0]\n\n"
                 "def scaled_dot_product_attention(q, k, v, mask=None):\n    CALLS[0] += 1\n"
                 "    return (ROWS, ROWS) if CALLS[0] == 1 else (0, 0)\n")
RESULT_CAP_MB = 64


def client(address: str, base: str, timeout: float = 180.0) -> httpx.Client:
    """An HTTP client whose connections come from ``address`` (a distinct client to us)."""
    return httpx.Client(base_url=base, timeout=timeout,
                        transport=httpx.HTTPTransport(local_address=address))


def start_service(home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "KAODA_HOME": str(home), "KAODA_SANDBOX__WORKERS": "2",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, cwd=str(ROOT))
    deadline = time.monotonic() + 900
    with httpx.Client(timeout=2) as probe:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"the service exited with {proc.returncode}")
            try:
                if probe.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            time.sleep(1)
    proc.kill()
    raise SystemExit("the service did not become ready in 15 minutes")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _submit(http: httpx.Client, code: str) -> tuple[float, int, dict[str, Any]]:
    started = time.perf_counter()
    response = http.post(f"/v1/problems/{PROBLEM}/submissions", json={"code": code})
    body = response.json() if response.headers.get("content-type", "").startswith(
        "application/json") else {}
    return (time.perf_counter() - started) * 1000, response.status_code, body


class HealthProbe:
    """Polls /healthz every 20 ms on its own connection until stopped."""

    def __init__(self, base: str) -> None:
        self.base, self.latencies, self.failures = base, [], 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with client("127.0.0.4", self.base, timeout=30) as http:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    ok = http.get("/healthz").status_code == 200
                except httpx.HTTPError:
                    ok = False
                self.latencies.append((time.perf_counter() - started) * 1000)
                self.failures += not ok
                self._stop.wait(0.02)

    def __enter__(self) -> HealthProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def flood(base: str, reference: str, sleepers: int, samples: int) -> dict[str, Any]:
    """Client A floods with sleepers; client B's correct submissions are timed throughout."""
    with client("127.0.0.3", base) as b:
        before = [_submit(b, reference)[0] for _ in range(samples)]
    statuses: list[int] = []
    with HealthProbe(base) as health, ThreadPoolExecutor(sleepers) as pool, \
            client("127.0.0.2", base) as a, client("127.0.0.3", base) as b:
        futures = [pool.submit(_submit, a, SLEEPER) for _ in range(sleepers)]
        time.sleep(1.0)  # the flood has filled A's share and its queue
        during = []
        for _ in range(samples):
            ms, status, body = _submit(b, reference)
            during.append(ms)
            if status != 200 or not body.get("passed"):
                raise SystemExit(f"client B's correct submission failed: {status} {body}")
            time.sleep(0.2)
        statuses = [f.result()[1] for f in futures]
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    return {"before": before, "during": during, "health": health.latencies,
            "health_failures": health.failures, "flood_statuses": counts}


def _rss_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


def memory(base: str, pid: int, concurrent: int) -> dict[str, Any]:
    """Peak RSS growth of the service while ``concurrent`` clients return the largest results."""
    results = {}
    for label, code in (("largest array result", BIG_RESULT),
                        ("60 MB of nested lists", NESTED_RESULT)):
        baseline = _rss_kb(pid, "VmRSS:")
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        clients = [client(f"127.0.1.{i + 1}", base) for i in range(concurrent)]
        with ThreadPoolExecutor(concurrent) as pool:
            outcomes = list(pool.map(_submit, clients, [code] * concurrent))
        for c in clients:
            c.close()
        growth_mb = (_rss_kb(pid, "VmHWM:") - baseline) / 1024
        results[label] = {"growth_mb": growth_mb, "per_submission_mb": growth_mb / concurrent,
                          "statuses": [(s, b.get("status")) for _, s, b in outcomes]}
    return results


def report(base_port: int, home: Path, reference: str, sleepers: int, samples: int) -> None:
    base = f"http://127.0.0.1:{base_port}"
    started = time.perf_counter()
    service = start_service(home, base_port)
    print(f"\nservice on {base} (home {home}) ready in {time.perf_counter() - started:.0f} s")
    try:
        run = flood(base, reference, sleepers, samples)
        extra = statistics.median(run["during"]) - statistics.median(run["before"])
        print(f" flood: {sleepers} sleepers from client A "
              f"(responses {run['flood_statuses']}, 5xx other than 503: "
              f"{sum(n for s, n in run['flood_statuses'].items() if s >= 500 and s != 503)})")
        print(f"  client B correct submission  before p50 {statistics.median(run['before']):7.1f}"
              f" ms | during p50 {statistics.median(run['during']):7.1f} ms, max "
              f"{max(run['during']):7.1f} ms -> waits {extra:+.1f} ms (target <= 1000)")
        health = run["health"]
        print(f"  /healthz during the flood     p50 {_pct(health, 50):7.1f} ms | p95 "
              f"{_pct(health, 95):7.1f} ms | p99 {_pct(health, 99):7.1f} ms | max "
              f"{max(health):7.1f} ms over {len(health)} probes, {run['health_failures']} "
              "failed (target <= 100 ms)")
        for concurrent in (1, 2):
            for label, m in memory(base, service.pid, concurrent).items():
                print(f" memory, {concurrent} concurrent x {label}: peak RSS +{m['growth_mb']:.0f}"
                      f" MB = {m['per_submission_mb']:.0f} MB per submission (target <= "
                      f"{3 * RESULT_CAP_MB} MB = 3x the {RESULT_CAP_MB} MiB cap) {m['statuses']}")
    finally:
        service.terminate()
        try:
            service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
