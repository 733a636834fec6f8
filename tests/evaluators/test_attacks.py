"""Hostile submissions against the warm pool: every attack must be *visibly* contained.

Each file in ``attacks/`` is a submission for ``scaled_dot_product_attention`` that tries one
thing it must not achieve. Its header says what it tries and what containment means, and can set

    # status: not-passed | passed | failed | error | timeout | memory_limit   (grader status)
    # evidence: blocked | none   (blocked: it must print at least one "BLOCKED:" line, or be
    #                             refused outright by the sandbox's audit guard)
    # detail: TEXT               (must appear in the grader's error message)
    # test-detail: TEXT          (must appear in the name or message of a failed test)
    # runs: N    # timeout: SECONDS    # memory: MB
    # problem: ID                (the problem it is submitted to; default
    #                             scaled_dot_product_attention. forbidden_api must be capped)
    # inner-too: yes             (also run against the *inner* pool: fork allowed and the audit
    #                             guard off, so the kernel layers alone must contain it;
    #                             ``fork-too`` is the older name)
    # inner-status: S / inner-detail: TEXT / inner-evidence: E   (the inner pool's expectations,
    #                             if they differ)

A prelude gives every attack ``attempt(what, action)`` (an exception is printed as
``BLOCKED: ...``, success as ``LEAK: ...``), ``LEAK``/``BLOCKED`` and ``wrong_answer``.
Placeholders such as ``{{PORT}}`` or ``{{SERVICE_PID}}`` are filled in with real values of the
test's host: listeners it opened, a canary file, a planted data file, its own PID, the zygotes'
PIDs and an unrelated "victim" process.

After **every** run the test checks the host, not just the output: no ``LEAK:`` line; the
environment canary, the planted data and the reference's source never appear in any output;
the TCP, UDP and Unix listeners saw nothing; the canary file, the grader source, hostname and
core_pattern are unchanged; no ``kaoda-attack`` file appeared outside the sandbox; the victim,
the service and every zygote are alive with unchanged PIDs; no process of a slot uid survives
except each zygote's idle spare. The last test checks the pool still grades a correct solution.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import selectors
import shutil
import site
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy
import pytest
from conftest import CANARY_SECRET
from sandbox_helpers import PRIVILEGED, SDPA, TEST_UID_BASE, sdpa, stray_sandbox_processes

from evaluators.catalog import get_problem
from evaluators.grader import grade
from evaluators.result import GradeResult
from evaluators.sandbox.pool import WarmPool
from evaluators.sandbox.worker import PROJECT_ROOT

pytestmark = pytest.mark.skipif(not PRIVILEGED,
                                reason="full isolation and these checks need CAP_SYS_ADMIN")

ATTACKS_DIR = Path(__file__).parent / "attacks"
REFERENCE_PHRASE = "float64 reference: softmax(q k^T / sqrt(d))"
PRELUDE = '''\
def LEAK(what):
    print("LEAK:", what, flush=True)


def BLOCKED(what):
    print("BLOCKED:", what, flush=True)


def attempt(what, action):
    try:
        result = action()
    except BaseException as exc:  # noqa: BLE001
        BLOCKED(f"{what}: {type(exc).__name__}: {exc}")
        return None
    LEAK(f"{what} -> {str(result)[:300]}")
    return result


def wrong_answer(q, k, v, mask=None):
    return q[..., :1] * 0, q[..., :1] * 0


'''


@dataclass
class Attack:
    path: Path
    source: str
    status: str = "not-passed"
    evidence: str = "blocked"
    detail: str = ""
    runs: int = 1
    timeout: float = 5.0
    memory: int = 2048
    inner_too: bool = False
    inner_status: str = ""
    inner_detail: str = ""
    inner_evidence: str = ""
    problem: str = SDPA
    test_detail: str = ""

    @classmethod
    def load(cls, path: Path) -> Attack:
        source = path.read_text(encoding="utf-8")
        header = dict(re.findall(
            r"^# (status|evidence|detail|runs|timeout|memory|fork-too|inner-too|inner-status"
            r"|inner-detail|inner-evidence|problem|test-detail): (.+)$", source, flags=re.M))
        assert source.startswith("# attack: ") and "\n# contained: " in source, path
        status, evidence = header.get("status", "not-passed"), header.get("evidence", "blocked")
        return cls(path, source, status, evidence,
                   header.get("detail", ""), int(header.get("runs", 1)),
                   float(header.get("timeout", 5)), int(header.get("memory", 2048)),
                   "yes" in (header.get("fork-too"), header.get("inner-too")),
                   header.get("inner-status", status),
                   header.get("inner-detail", header.get("detail", "")),
                   header.get("inner-evidence", evidence), header.get("problem", SDPA),
                   header.get("test-detail", ""))

    def inner(self) -> Attack:
        """The expectations when only the kernel layers contain it."""
        return replace(self, status=self.inner_status, detail=self.inner_detail,
                       evidence=self.inner_evidence)


ATTACKS = [Attack.load(p) for p in sorted(ATTACKS_DIR.glob("*.py"))]
INNER_ATTACKS = [a for a in ATTACKS if a.inner_too]
REFUSED = "is not allowed in a submission"


class Listeners:
    """A TCP, a UDP and a Unix-socket listener on the host that count whatever reaches them."""

    def __init__(self, unix_path: str) -> None:
        self.hits: list[str] = []
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind(unix_path)
        self.unix.listen(8)
        os.chmod(unix_path, 0o777)  # even a visible socket would be connectable by any uid
        self.selector = selectors.DefaultSelector()
        for sock in (self.tcp, self.udp, self.unix):
            sock.setblocking(False)
            self.selector.register(sock, selectors.EVENT_READ)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            for key, _ in self.selector.select(timeout=0.1):
                sock = key.fileobj
                if sock is self.udp:
                    self.hits.append(f"udp datagram {self.udp.recvfrom(65536)[0][:50]!r}")
                else:
                    conn, _ = sock.accept()  # type: ignore[union-attr]
                    self.hits.append(f"connection on {'tcp' if sock is self.tcp else 'unix'}")
                    conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        for sock in (self.tcp, self.udp, self.unix):
            sock.close()


@dataclass
class Host:
    pool: WarmPool
    listeners: Listeners
    canary_file: Path
    data_file: Path
    victim: subprocess.Popen
    zygotes: set[int]
    fingerprint: dict[str, str] = field(default_factory=dict)
    planted: list[Path] = field(default_factory=list)
    planted_secret: str = ""

    def values(self, marker: str, run: int) -> dict[str, str]:
        return {"PORT": str(self.listeners.tcp.getsockname()[1]),
                "UDP_PORT": str(self.listeners.udp.getsockname()[1]),
                "UNIX_SOCKET": str(self.listeners.unix.getsockname()), "PROJECT": PROJECT_ROOT,
                "DATA_FILE": str(self.data_file), "CANARY_FILE": str(self.canary_file),
                "SERVICE_PID": str(os.getpid()), "ZYGOTE_PIDS": repr(sorted(self.zygotes)),
                "VICTIM_PID": str(self.victim.pid), "MARKER": marker, "RUN": str(run),
                "PLANTED": repr([str(p) for p in self.planted])}

    def state(self) -> dict[str, str]:
        """Everything on the host an attack might change, as comparable strings."""
        watched = [self.canary_file, Path(PROJECT_ROOT, "evaluators", "compare.py"),
                   Path(PROJECT_ROOT, "evaluators", "grader.py"), Path("/etc/passwd"),
                   Path("/proc/sys/kernel/hostname"), Path("/proc/sys/kernel/core_pattern")]
        state = {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in watched}
        state["canary mtime"] = str(self.canary_file.stat().st_mtime_ns)
        state["/etc/hostname mode"] = oct(Path("/etc/hostname").stat().st_mode)
        return state


def _plant(token: str) -> tuple[list[Path], str]:
    """Files the sandbox must never show: another copy of the project with a reference solution,
    a note under /root, one under /work, one next to the virtualenv, plus the real other
    checkouts of this machine if any (their references are what an attacker would want)."""
    secret = f"kaoda-planted-secret-{token}"
    venvs = Path(sys.prefix).parent
    planted = [Path(f"/opt/kaoda-copy-{token}/evaluators/problems/{SDPA}/reference.py"),
               Path(f"/root/kaoda-planted-{token}.txt"), Path(f"/work/.kaoda-planted-{token}/x"),
               venvs / f"kaoda-planted-{token}" / "secret.txt"]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {secret}\n")
        path.chmod(0o644)
    checkouts = [p for p in Path("/work").glob("*/evaluators/problems/*/reference.py")][:3] + \
        [p for p in Path("/work").glob("wt/*/evaluators/problems/*/reference.py")][:3]
    return planted + checkouts, secret


def _unplant(planted: list[Path], token: str) -> None:
    for path in planted:
        if token in str(path):
            path.unlink(missing_ok=True)
    for root in (f"/opt/kaoda-copy-{token}", f"/work/.kaoda-planted-{token}",
                 str(Path(sys.prefix).parent / f"kaoda-planted-{token}")):
        shutil.rmtree(root, ignore_errors=True)


def _attack_files_on_host() -> list[str]:
    places = ["/tmp", "/dev/shm", "/var/tmp", "/run/lock", "/root", "/etc", "/usr", "/home", "/",
              PROJECT_ROOT, os.path.join(PROJECT_ROOT, "evaluators"),
              os.path.dirname(numpy.__file__), *site.getsitepackages()]
    return [str(p) for place in places if os.path.isdir(place)
            for p in Path(place).glob("*kaoda-attack*")]


@pytest.fixture(scope="module")
def host(sandbox) -> Iterator[Host]:
    assert isinstance(sandbox, WarmPool)
    assert sandbox.describe().level == "full", sandbox.describe()
    token = secrets.token_hex(6)
    canary = Path(f"/tmp/kaoda-canary-{token}.txt")
    canary.write_text("untouched canary\n")
    canary.chmod(0o666)
    data_dir = Path(f"/var/lib/kaoda-test-data-{token}")
    data_dir.mkdir(mode=0o755)
    data_file = data_dir / "service.db"
    data_file.write_text(f"kaoda-planted-data-{token}\n")
    data_file.chmod(0o644)
    listeners = Listeners(f"/tmp/kaoda-test-{token}.sock")
    victim = subprocess.Popen(["sleep", "3600"])
    state = Host(sandbox, listeners, canary, data_file, victim,
                 {w.pid for w in sandbox.workers()})
    state.planted, state.planted_secret = _plant(token)
    state.fingerprint = state.state()
    yield state
    _unplant(state.planted, token)
    victim.kill()
    victim.wait()
    listeners.close()
    canary.unlink()
    shutil.rmtree(data_dir)
    Path(f"/tmp/kaoda-test-{token}.sock").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def inner_host(host: Host) -> Iterator[Host]:
    """The same host, served by a second pool with only the *inner* layers.

    Submissions may create processes there and the audit guard is off (ctypes, frames…), so
    attacks marked ``inner-too`` show that the kernel layers — the PID namespace, seccomp, the
    uid drop, the mount plan — contain fork bombs, shells, raw syscalls and the like by
    themselves, not only because the guard refused the first step.
    """
    pool = WarmPool(workers=2, allow_fork=True, uid_base=TEST_UID_BASE + 32,
                    disable=("audit-guard",))
    inner = replace(host, pool=pool, zygotes={w.pid for w in pool.workers()})
    yield inner
    pool.close()


def _render(attack: Attack, host: Host, marker: str, run: int) -> str:
    code = PRELUDE + attack.source
    for key, value in host.values(marker, run).items():
        code = code.replace("{{" + key + "}}", value)
    assert "{{" not in code, f"{attack.path.name}: unknown placeholder"
    return code


def _check_output(attack: Attack, result: GradeResult, host: Host) -> None:
    blob = result.model_dump_json()
    shown = f"{attack.path.name}: {result.status} {result.error}\n{result.stdout[-3000:]}"
    assert CANARY_SECRET not in blob, shown
    assert host.data_file.read_text().strip() not in blob, shown
    assert REFERENCE_PHRASE not in blob, shown
    assert host.planted_secret not in blob, shown
    assert "LEAK:" not in result.stdout + result.stderr, shown
    if attack.evidence == "blocked":
        assert "BLOCKED:" in result.stdout or REFUSED in (result.error or ""), shown
    if attack.status == "not-passed":
        assert result.status != "passed", shown
    else:
        assert result.status == attack.status, shown
    if result.status == "forbidden_api":
        assert result.score <= 0.5 and result.uses_forbidden_api, shown
    assert attack.detail in (result.error or ""), shown
    if attack.test_detail:
        assert any(attack.test_detail in f"{t.name}: {t.message}" for t in result.tests
                   if not t.passed), [t.message for t in result.tests if not t.passed]


def _check_host(host: Host) -> None:
    assert host.listeners.hits == []
    assert host.state() == host.fingerprint
    assert _attack_files_on_host() == []
    assert host.victim.poll() is None, "the victim process was killed"
    assert {w.pid for w in host.pool.workers()} == host.zygotes, "a zygote was replaced"
    assert all(os.path.exists(f"/proc/{pid}") for pid in host.zygotes)
    uids = range(host.pool.uid_base, host.pool.uid_base + host.pool.size)
    deadline = time.monotonic() + 3
    while (strays := stray_sandbox_processes(host.zygotes, uids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert strays == [], f"processes survived their submission: {strays}"


def _run_attack(attack: Attack, host: Host) -> None:
    problem = replace(get_problem(attack.problem), timeout_s=attack.timeout,
                      memory_mb=attack.memory)
    marker = secrets.token_hex(8)
    for run in range(1, attack.runs + 1):
        started = time.monotonic()
        result = grade(problem, _render(attack, host, marker, run), host.pool)
        assert time.monotonic() - started < attack.timeout + 10
        _check_output(attack, result, host)
        _check_host(host)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.path.stem for a in ATTACKS])
def test_attack_is_contained(attack: Attack, host: Host) -> None:
    _run_attack(attack, host)


@pytest.mark.parametrize("attack", INNER_ATTACKS, ids=[a.path.stem for a in INNER_ATTACKS])
def test_attack_is_contained_by_the_inner_layers(attack: Attack, inner_host: Host) -> None:
    layers = inner_host.pool.describe().layers
    assert "no-new-processes" not in layers and "audit-guard" not in layers
    _run_attack(attack.inner(), inner_host)


def test_there_are_enough_attacks() -> None:
    assert len(ATTACKS) >= 40


def test_zz_pool_still_serves_correct_solutions_after_the_attacks(host: Host) -> None:
    problem = sdpa()
    for _ in range(host.pool.size * 2):
        result = grade(problem, problem.reference_source, host.pool)
        assert result.status == "passed" and result.score == 1.0, result.error
    _check_host(host)
