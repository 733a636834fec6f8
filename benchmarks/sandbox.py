"""Sandbox latency, throughput, fair sharing and memory.

    PYTHONPATH=. python benchmarks/sandbox.py [--runs 100] [--cold-runs 5] [--submissions 200]
                                              [--threads 4] [--workers N]
                                              [--problem-runs 10] [--problems id,id,...]
                                              [--service] [--home DIR] [--port 8300]
                                              [--flood 44] [--samples 10]

Prints, for a torch problem (``scaled_dot_product_attention``) and a numpy problem (the first of
``nms``, ``kmeans``, ``cross_entropy``… that exists), the latency of one submission (the
reference solution) through the pool, as the grader sees it end to end (``grade``: request
encoding, sandbox, decoding and checking) and inside the sandbox alone (``duration_ms``); the
same for the cold :class:`SubprocessSandbox`; and the pool's throughput with all workers busy
(``--submissions`` graded from ``--threads`` threads). Target on 2 cores: p50 <= 25 ms.

Then, for every problem of the second wave (``--problems`` to choose others, ``all`` for the whole
catalog), the p50 / p95 of its reference solution graded end to end (``--problem-runs`` runs after
one warm-up grade, which also pays the trusted side's one-time reference timings). Target: every
correct submission under 1 s end to end.

With ``--service`` it also starts the real service (``--home``, ``--port``) and reports, over
HTTP (see ``benchmarks/sandbox_service.py``): the time a correct submission from one client
waits while another client floods the pool with ``--flood`` sleepers (target <= 1 s),
``/healthz`` latency during the flood (target <= 100 ms), and the service's peak memory growth
while one and two clients return the largest result the sandbox allows (target <= 3x the
result cap per concurrent submission).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluators.catalog import load_catalog
from evaluators.grader import grade
from evaluators.problem import Problem
from evaluators.sandbox import create_sandbox
from evaluators.sandbox.base import Sandbox

TORCH_PROBLEM = "scaled_dot_product_attention"
WAVE2 = ("rms_norm", "swiglu_ffn", "lora_linear", "moe_layer", "dpo_loss", "grpo_advantages",
         "ppo_clip_loss", "flash_attention", "speculative_accept", "focal_loss",
         "label_smoothing_ce", "kd_loss", "clip_loss", "adamw_step", "dropout",
         "layer_norm_backward", "box_iou", "average_precision", "bpe_train", "patch_embed")
TARGET_MS = 1000.0
NUMPY_PROBLEMS = ("nms", "kmeans", "cross_entropy", "logistic_regression", "top_k_cosine")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def latency(box: Sandbox, problem: Problem, runs: int,
            warm: bool = True) -> tuple[list[float], list[float]]:
    """End-to-end ``grade`` times and in-sandbox times (ms) for the reference solution."""
    if warm:
        grade(problem, problem.reference_source, box)  # warm caches (cases, first fork)
    total, inside = [], []
    for _ in range(runs):
        started = time.perf_counter()
        result = grade(problem, problem.reference_source, box)
        total.append((time.perf_counter() - started) * 1000)
        inside.append(result.duration_ms)
        if result.status != "passed":
            raise SystemExit(f"{problem.id}: reference did not pass: {result.error}")
    return total, inside


def row(label: str, values: list[float]) -> str:
    return (f"  {label:<44} p50 {percentile(values, 50):8.1f} ms   "
            f"p95 {percentile(values, 95):8.1f} ms   mean {statistics.fmean(values):8.1f} ms")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time of this process plus the given zygotes and every child they reaped."""
    own = os.times()
    total = own.user + own.system
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
    return total


def throughput(box: Sandbox, problems: list[Problem], submissions: int,
               threads: int) -> tuple[float, float]:
    """Submissions per second with all workers busy, and CPU milliseconds per submission."""
    def one(i: int) -> str:
        problem = problems[i % len(problems)]
        return grade(problem, problem.reference_source, box).status

    zygotes = [w.pid for w in box.workers()]  # type: ignore[attr-defined]
    cpu_before = cpu_seconds(zygotes)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as executor:
        statuses = list(executor.map(one, range(submissions)))
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds(zygotes) - cpu_before
    if set(statuses) != {"passed"}:
        raise SystemExit(f"throughput run had failures: {sorted(set(statuses))}")
    return submissions / elapsed, cpu * 1000 / submissions


def pick_problems() -> list[Problem]:
    catalog = load_catalog()
    problems = [catalog[TORCH_PROBLEM]]
    numpy_id = next((p for p in NUMPY_PROBLEMS if p in catalog), None)
    if numpy_id is not None:
        problems.append(catalog[numpy_id])
    else:
        print("(no numpy-only problem in the catalog yet: torch problem only)")
    return problems


def bench_pool(problems: list[Problem], args: argparse.Namespace) -> None:
    started = time.perf_counter()
    pool = create_sandbox("pool", workers=args.workers)
    isolation = pool.describe()
    print(f"\nwarm pool: started in {time.perf_counter() - started:.1f} s, isolation "
          f"{isolation.level} ({len(isolation.layers)} layers, missing: "
          f"{isolation.missing or 'none'})")
    try:
        for problem in problems:
            total, inside = latency(pool, problem, args.runs)
            print(f" {problem.id} ({len(problem.cases)} cases, {args.runs} runs)")
            print(row("grade() end to end", total))
            print(row("sandbox.run() round trip (pool <-> zygote)", inside))
        rate, cpu_ms = throughput(pool, problems, args.submissions, args.threads)
        print(f" throughput: {args.submissions} submissions from {args.threads} threads, "
              f"{len(pool.workers())} workers: {rate:.1f} submissions/s")
        print(f"   CPU per submission (service + zygotes + children): {cpu_ms:.1f} ms "
              f"-> at most {1000 * (os.cpu_count() or 1) / cpu_ms:.0f}/s on idle cores")
    finally:
        pool.close()


def bench_problems(ids: list[str], runs: int, workers: int | None) -> None:
    """p50 / p95 of each problem's reference solution, graded end to end through the pool."""
    catalog = load_catalog()
    pool = create_sandbox("pool", workers=workers)
    print(f"\nper-problem grade() end to end, reference solutions ({runs} runs each; target "
          f"< {TARGET_MS:.0f} ms). CPU is service + sandbox per grade: on a loaded machine it "
          "shows what the wall time would be on an idle one")
    slow = []
    try:
        for pid in ids:
            problem = catalog[pid]
            grade(problem, problem.reference_source, pool)  # warm: one-time reference timings
            zygotes = [w.pid for w in pool.workers()]  # type: ignore[attr-defined]
            cpu_before = cpu_seconds(zygotes)
            total, _ = latency(pool, problem, runs, warm=False)
            cpu_ms = (cpu_seconds(zygotes) - cpu_before) * 1000 / runs
            p50, p95 = percentile(total, 50), percentile(total, 95)
            mark = "" if p95 < TARGET_MS else "  <-- over target"
            if p95 >= TARGET_MS:
                slow.append(pid)
            print(f"  {pid:<24} {len(problem.cases):>3} cases   p50 {p50:8.1f} ms   "
                  f"p95 {p95:8.1f} ms   CPU {cpu_ms:7.1f} ms{mark}")
    finally:
        pool.close()
    print(f" over {TARGET_MS:.0f} ms at p95: {', '.join(slow) if slow else 'none'}")


def bench_cold(problems: list[Problem], runs: int) -> None:
    cold = create_sandbox("subprocess")
    print(f"\ncold subprocess sandbox (isolation {cold.describe().level})")
    for problem in problems:
        total, _ = latency(cold, problem, runs)
        print(f" {problem.id} ({runs} runs)")
        print(row("grade() end to end", total))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--problem-runs", type=int, default=10,
                        help="runs per problem for the per-problem table (0 skips it)")
    parser.add_argument("--problems", default="wave2",
                        help="comma-separated ids, 'wave2' (default) or 'all'")
    parser.add_argument("--service", action="store_true", help="also run the HTTP scenarios")
    parser.add_argument("--home", type=Path, default=Path.home() / ".cache" / "kaoda-sandbox")
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument("--flood", type=int, default=44)
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args()
    problems = pick_problems()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"problems: {', '.join(p.id for p in problems)}")
    if args.runs:  # --runs 0: only the per-problem table
        bench_pool(problems, args)
    if args.runs and args.cold_runs:
        bench_cold(problems, args.cold_runs)
    if args.problem_runs:
        chosen = {"wave2": list(WAVE2), "all": sorted(load_catalog())}.get(
            args.problems, [p for p in args.problems.split(",") if p])
        bench_problems(chosen, args.problem_runs, args.workers)
    if args.service:
        from benchmarks.sandbox_service import report

        report(args.port, args.home, problems[0].reference_source, args.flood, args.samples)


if __name__ == "__main__":
    main()
