"""Functional tests of the warm pool: results, limits, isolation report, failures, concurrency.

Attacks (escapes, leaks, cheating) are in ``test_attacks.py``; this file checks that the pool
does its ordinary job and survives its own workers dying.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sandbox_helpers import (
    PRIVILEGED,
    SDPA_DRIVER,
    TEST_UID_BASE,
    processes,
    run_code,
    sdpa,
    stray_sandbox_processes,
)

from evaluators.grader import grade
from evaluators.sandbox import create_sandbox
from evaluators.sandbox.base import Sandbox, SandboxError, SandboxRequest, SandboxUnavailableError
from evaluators.sandbox.pool import WarmPool
from evaluators.sandbox.subprocess_runner import SubprocessSandbox

FULL_LAYERS = {"pid-namespace", "mount-namespace", "net-namespace", "ipc-namespace",
               "allowlist-root", "readonly-root", "private-tmp", "private-proc", "uid-drop",
               "no-new-privs", "seccomp", "rlimits", "empty-env", "fd-hygiene"}
needs_root = pytest.mark.skipif(not PRIVILEGED,
                                reason="namespaces and the uid drop need root + CAP_SYS_ADMIN")


@pytest.fixture
def own_pool():
    """A private pool for tests that break workers on purpose."""
    pools: list[WarmPool] = []

    def make(**kwargs) -> WarmPool:
        pool = WarmPool(**{"workers": 1, "uid_base": TEST_UID_BASE + 8, **kwargs})
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.close()


def test_reference_passes_through_the_pool(sandbox: Sandbox) -> None:
    problem = sdpa()
    result = grade(problem, problem.reference_source, sandbox)
    assert result.status == "passed", (result.error, result.stderr[-2000:])
    assert result.isolation == sandbox.describe()
    assert result.duration_ms < 5000


def test_describe_lists_the_layers_in_force(sandbox: Sandbox) -> None:
    isolation = sandbox.describe()
    if PRIVILEGED:
        assert isolation.level == "full", isolation
        assert set(isolation.layers) >= FULL_LAYERS
        assert not set(isolation.missing) & FULL_LAYERS
    else:
        assert isolation.level in ("partial", "none")
        assert "pid-namespace" in isolation.missing


def test_stdout_stderr_and_load_errors_come_back(sandbox: Sandbox) -> None:
    code = ("import sys\nprint('hello out')\nprint('hello err', file=sys.stderr)\n"
            "raise ValueError('broken module')\n")
    response = run_code(sandbox, code)
    assert "hello out" in response.stdout and "hello err" in response.stderr
    assert response.load_error is not None
    assert response.load_error["type"] == "ValueError" and response.load_error["line"] == 4


def test_wall_clock_timeout_kills_the_run(sandbox: Sandbox) -> None:
    started = time.monotonic()
    response = run_code(sandbox, "import time\ntime.sleep(60)\n", timeout_s=1.0)
    assert response.outcome == "timeout"
    assert time.monotonic() - started < 4.0
    assert "timeout" in response.detail


def test_cpu_bound_timeout_and_partial_results(sandbox: Sandbox) -> None:
    code = ("calls = 0\n"
            "def scaled_dot_product_attention(q, k, v, mask=None):\n"
            "    global calls\n    calls += 1\n"
            "    if calls == 2:\n        while True:\n            pass\n"
            "    return q, q\n")
    response = run_code(sandbox, code, timeout_s=1.5, all_cases=True)
    assert response.outcome == "timeout"
    assert len(response.case_results) == 1  # the first case finished before the loop


def test_memory_limit(sandbox: Sandbox) -> None:
    code = "blocks = []\nwhile True:\n    blocks.append(bytearray(64 << 20))\n"
    response = run_code(sandbox, code, memory_mb=256)
    assert response.outcome == "memory_limit", (response.detail, response.stderr[-500:])
    result = grade(sdpa(memory_mb=256), code, sandbox)
    assert result.status == "memory_limit" and "MemoryError" in (result.error or "")


def test_torch_allocation_failure_is_a_memory_limit(sandbox: Sandbox) -> None:
    code = ("import torch\n"
            "def scaled_dot_product_attention(q, k, v, mask=None):\n"
            "    big = torch.ones(1 << 33)\n    return big, big\n")
    result = grade(sdpa(memory_mb=512), code, sandbox)
    assert result.status == "memory_limit", (result.error, result.tests[0].message)


def test_output_is_capped(sandbox: Sandbox) -> None:
    response = run_code(sandbox, "print('x' * 1_000_000)\n")
    assert response.outcome == "completed"
    assert len(response.stdout) < 70 * 1024 and "truncated" in response.stdout
    flood = run_code(sandbox, "import sys\nwhile True:\n    sys.stdout.write('y' * 65536)\n")
    assert flood.outcome == "output_limit" and len(flood.stdout) < 70 * 1024


def test_unloaded_driver_is_refused(sandbox: Sandbox) -> None:
    request = SandboxRequest(code="x = 1", driver="evaluators.drivers.no_such_problem",
                             cases=[])
    with pytest.raises(SandboxError, match="not loaded"):
        sandbox.run(request)


def test_zygotes_never_import_hidden_problem_modules(sandbox: Sandbox) -> None:
    assert isinstance(sandbox, WarmPool)
    for worker in sandbox.workers():
        assert worker.hello["problem_modules"] == []
        assert SDPA_DRIVER in worker.hello["drivers"]
    code = ("import sys\nprint(sorted(m for m in sys.modules if m.startswith('evaluators') "
            "and ('problems' in m or 'reference' in m)))\n")
    response = run_code(sandbox, code)
    assert response.stdout.strip() == "[]"


def test_concurrent_runs_from_a_thread_pool(sandbox: Sandbox) -> None:
    problem = sdpa()
    with ThreadPoolExecutor(max_workers=6) as executor:
        results = list(executor.map(lambda _: grade(problem, problem.reference_source, sandbox),
                                    range(12)))
    assert [r.status for r in results] == ["passed"] * 12


@needs_root
def test_concurrent_submissions_are_separated(sandbox: Sandbox) -> None:
    code = ("import os, time\ntime.sleep(0.7)\n"
            "print(os.getuid(), os.getpid(), sorted(p for p in os.listdir('/proc') "
            "if p.isdigit()))\n")
    with ThreadPoolExecutor(max_workers=2) as executor:
        responses = list(executor.map(lambda _: run_code(sandbox, code), range(2)))
    seen = [r.stdout.split(maxsplit=2) for r in responses]
    assert isinstance(sandbox, WarmPool)
    uids = {str(sandbox.uid_base), str(sandbox.uid_base + 1)}
    assert {s[0] for s in seen} == uids  # different uids at the same time
    assert all(s[1] == "1" and s[2].strip() == "['1']" for s in seen)  # own PID namespaces


def test_worker_replaced_after_its_zygote_is_killed(own_pool) -> None:
    pool = own_pool(workers=2)
    before = {w.pid for w in pool.workers()}
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    problem = sdpa()
    result = grade(problem, problem.reference_source, pool)
    assert result.status == "passed"
    deadline = time.monotonic() + 60
    while len(pool.workers()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    after = {w.pid for w in pool.workers()}
    assert len(after) == 2 and not after & before
    assert grade(problem, problem.reference_source, pool).status == "passed"


def test_hung_zygote_is_detected_and_replaced(own_pool) -> None:
    pool = own_pool(workers=1, watchdog_grace_s=1.0)
    (worker,) = pool.workers()
    os.kill(worker.pid, signal.SIGSTOP)
    response = run_code(pool, "print('still served')", timeout_s=1.0)
    assert response.outcome == "completed" and "still served" in response.stdout
    assert worker.pid not in {w.pid for w in pool.workers()}


@needs_root
def test_spare_child_killed_externally_is_replaced(own_pool) -> None:
    pool = own_pool()
    (worker,) = pool.workers()
    spares = [p for p in processes() if p["ppid"] == worker.pid and p["uid"] == pool.uid_base]
    assert len(spares) == 1
    os.kill(spares[0]["pid"], signal.SIGKILL)
    time.sleep(0.2)
    response = run_code(pool, "print('served by a fresh child')")
    assert response.outcome == "completed" and "fresh child" in response.stdout
    assert [w.pid for w in pool.workers()] == [worker.pid]  # the zygote itself carried on


@needs_root
def test_close_leaves_no_process_behind(own_pool) -> None:
    pool = own_pool(workers=2, allow_fork=True)
    response = run_code(pool, "import os, time\nif os.fork() == 0:\n    time.sleep(60)\n"
                              "print('forked')\n")
    assert "forked" in response.stdout
    zygotes = {w.pid for w in pool.workers()}
    pool.close()
    time.sleep(0.3)
    assert stray_sandbox_processes(set(), range(pool.uid_base, pool.uid_base + 2)) == []
    assert not any(os.path.exists(f"/proc/{pid}") for pid in zygotes)


@needs_root
def test_missing_layer_is_reported_not_hidden(own_pool) -> None:
    pool = own_pool(disable=("seccomp",))
    isolation = pool.describe()
    assert isolation.level == "partial" and "seccomp" in isolation.missing
    response = run_code(pool, "import socket\nprint(type(socket.socket()).__name__)")
    assert response.stdout.strip() == "socket"  # really no filter: the report is honest
    assert "seccomp" in response.isolation.missing


def test_no_isolation_at_all_is_refused_unless_allowed(own_pool) -> None:
    nothing = ("pid-namespace", "mount-namespace", "uid-drop", "seccomp")
    with pytest.raises(SandboxUnavailableError, match="no isolation"):
        own_pool(disable=nothing)
    pool = own_pool(disable=nothing, allow_unisolated=True)
    assert pool.describe().level == "none"
    assert run_code(pool, "print(6 * 7)").stdout.strip() == "42"


@needs_root
def test_new_processes_and_threads_are_refused_by_default(sandbox: Sandbox) -> None:
    code = ("import os, subprocess, threading\n"
            "for action in (os.fork, lambda: subprocess.run(['true']),\n"
            "               lambda: threading.Thread(target=print).start()):\n"
            "    try:\n        action()\n        print('started')\n"
            "    except (PermissionError, RuntimeError):\n        print('refused')\n")
    assert run_code(sandbox, code).stdout.split() == ["refused", "refused", "refused"]
    assert "no-new-processes" in sandbox.describe().layers


def test_factory() -> None:
    assert isinstance(create_sandbox("subprocess"), SubprocessSandbox)
    with pytest.raises(ValueError, match="unknown sandbox kind"):
        create_sandbox("docker")  # type: ignore[arg-type]
