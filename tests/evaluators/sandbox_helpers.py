"""Shared helpers for the sandbox tests: raw runs, and looking at the host's processes."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from evaluators.catalog import get_problem
from evaluators.problem import Problem
from evaluators.sandbox.base import Sandbox, SandboxRequest, SandboxResponse

SDPA = "scaled_dot_product_attention"
SDPA_DRIVER = f"evaluators.drivers.{SDPA}"
IS_ROOT = os.geteuid() == 0


def _has_sys_admin() -> bool:
    status = Path("/proc/self/status").read_text()
    caps = next(line.split()[1] for line in status.splitlines() if line.startswith("CapEff"))
    return bool(int(caps, 16) & (1 << 21))  # CAP_SYS_ADMIN: namespaces and mounts


# Full isolation needs root with CAP_SYS_ADMIN (a plain `docker run` drops it): then the pool
# must reach level "full", and the attack suite runs.
PRIVILEGED = IS_ROOT and _has_sys_admin()
# Each test session gets its own slot uids, so concurrent test runs on one machine (whose pools
# would otherwise share uids 60000+) cannot be mistaken for each other's stray processes.
TEST_UID_BASE = 100_000 + 16 * (os.getpid() % 4000)


def sdpa(timeout_s: float | None = None, memory_mb: int | None = None) -> Problem:
    """The SDPA problem, optionally with tighter limits (cases and checks unchanged)."""
    problem = get_problem(SDPA)
    changes = {k: v for k, v in (("timeout_s", timeout_s), ("memory_mb", memory_mb))
               if v is not None}
    return replace(problem, **changes) if changes else problem


def run_code(box: Sandbox, code: str, timeout_s: float = 5.0, memory_mb: int = 2048,
             all_cases: bool = False) -> SandboxResponse:
    """Run ``code`` through the SDPA driver (first case only unless ``all_cases``)."""
    cases = [c.wire() for c in sdpa().cases]
    return box.run(SandboxRequest(code=code, driver=SDPA_DRIVER,
                                  cases=cases if all_cases else cases[:1],
                                  timeout_s=timeout_s, memory_mb=memory_mb))


def processes() -> list[dict[str, int]]:
    """Every host process as ``{"pid", "ppid", "uid"}`` (those that vanish meanwhile skipped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(line.split(":", 1) for line in
                          (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue
        found.append({"pid": int(entry.name), "ppid": int(fields["PPid"].strip()),
                      "uid": int(fields["Uid"].split()[0])})
    return found


def stray_sandbox_processes(zygote_pids: set[int], uids: range) -> list[dict[str, int]]:
    """Processes running as a slot uid that are not a zygote's idle spare child.

    Each zygote keeps exactly one pre-forked spare (already running as its slot uid); anything
    else with a slot uid after a run has finished is a survivor the sandbox failed to kill.
    """
    mine = [p for p in processes() if p["uid"] in uids]
    spares: dict[int, int] = {}
    strays = []
    for proc in mine:
        if proc["ppid"] in zygote_pids and spares.get(proc["ppid"], 0) == 0:
            spares[proc["ppid"]] = 1
        else:
            strays.append(proc)
    return strays
