"""Which protection layers exist, how a child enters them, and how they add up to a level.

A submission's child process is forked by its zygote (already PID 1 of a fresh PID namespace when
the zygote could create one) and, *before any candidate code exists in it*, calls
:func:`enter_sandbox`, which applies the layers in this order — each later step relies on the
earlier ones:

1. ``session``: ``setsid`` — its own session and process group;
2. ``pdeathsig``: die with SIGKILL if the zygote dies (set again after the uid change, which
   clears it; the seccomp filter then forbids changing it);
3. namespaces: ``mount``, ``net`` (no interfaces), ``ipc`` (SysV/POSIX IPC dies with the run),
   ``uts`` and ``cgroup`` — each tried separately so a missing one is reported precisely;
4. ``private-tmp`` (fresh size-capped tmpfs on /tmp and /dev/shm) and ``private-proc`` (a /proc for
   the new PID namespace), only inside the child's own mount namespace;
5. ``fd-hygiene``: fds 0-5 become /dev/null, stdout, stderr, results, request, ready report;
   every other descriptor inherited from the zygote is closed;
6. ``uid-drop``: no supplementary groups, then the worker slot's own uid/gid (60000+slot);
7. ``no-new-privs``, then ``rlimits`` (processes, open files, file size, no core dumps,
   no POSIX message queues, 64 KiB locked memory; CPU time and address space come per request);
8. ``seccomp``: the filter from :mod:`evaluators.sandbox.seccomp_filter` (``no-new-processes``
   when it also refuses ``fork``, the default).

A layer that fails is left out of the list (with the error kept for the log). The zygote compares
every child's list with the one its first child achieved at start-up and never runs a submission
with fewer layers than :meth:`~evaluators.sandbox.pool.WarmPool.describe` reported.

:func:`summarize` maps layers to ``Isolation.level``: ``full`` needs every layer in
:data:`REQUIRED`; ``partial`` needs at least one *core* layer (a PID or mount namespace, the uid
drop, or seccomp); anything less is ``none``, which the pool refuses unless told otherwise.
"""

from __future__ import annotations

import fcntl
import functools
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from evaluators.result import Isolation
from evaluators.sandbox import linux, mounts, seccomp_filter

REQUIRED = ("warm-pool", "fork-per-submission", "empty-env", "audit-guard", "session",
            "pid-namespace",
            "mount-namespace", "net-namespace", "ipc-namespace", "allowlist-root",
            "readonly-root", "minimal-dev", "private-tmp", "private-proc", "fd-hygiene",
            "uid-drop", "no-new-privs", "rlimits", "seccomp")
OPTIONAL = ("uts-namespace", "cgroup-namespace", "pdeathsig", "no-new-processes")
CORE = ("pid-namespace", "mount-namespace", "uid-drop", "seccomp")
NAMESPACES = (("mount-namespace", linux.CLONE_NEWNS), ("net-namespace", linux.CLONE_NEWNET),
              ("ipc-namespace", linux.CLONE_NEWIPC), ("uts-namespace", linux.CLONE_NEWUTS),
              ("cgroup-namespace", linux.CLONE_NEWCGROUP))
FD_NAMES = ("stdin", "stdout", "stderr", "result", "request", "ready")
RESULT_FD, REQUEST_FD, READY_FD = 3, 4, 5


def summarize(layers: list[str]) -> Isolation:
    """The :class:`Isolation` a set of achieved layers amounts to."""
    ordered = [name for name in (*REQUIRED, *OPTIONAL) if name in layers]
    missing = [name for name in (*REQUIRED, *OPTIONAL) if name not in layers]
    level: Literal["full", "partial", "none"] = "none"
    if all(name in layers for name in REQUIRED):
        level = "full"
    elif any(name in layers for name in CORE):
        level = "partial"
    return Isolation(level=level, layers=ordered, missing=missing)


@dataclass
class ChildConfig:
    """Everything a child needs to isolate itself; built by the zygote before forking."""

    uid: int
    gid: int
    tmpfs_mb: int = 64
    nproc: int = 32
    nofile: int = 64
    fsize_mb: int = 16
    keep: list[str] = field(default_factory=list)
    seccomp_program: bytes | None = None
    disable: frozenset[str] = frozenset()
    allow_fork: bool = False


@dataclass
class _Progress:
    config: ChildConfig
    layers: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def step(self, name: str, action: Callable[[], object], *needs: str) -> bool:
        if name in self.config.disable or any(n not in self.layers for n in needs):
            return False
        try:
            action()
        except OSError as exc:
            self.errors[name] = str(exc)
            return False
        if name not in self.layers:
            self.layers.append(name)
        return True


def arrange_fds(sources: list[int]) -> None:
    """Make ``sources[i]`` file descriptor ``i`` and close every other descriptor."""
    moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in sources]
    for target, fd in enumerate(moved):
        os.dup2(fd, target)
    linux.close_from(len(sources))


def drop_privileges(uid: int, gid: int) -> None:
    """Empty the capability bounding set, drop supplementary groups, become ``uid``/``gid``."""
    if os.getuid() != 0:
        raise PermissionError(1, "not root: cannot switch to the slot's uid")
    for capability in range(64):
        try:
            linux.prctl(linux.PR_CAPBSET_DROP, capability)
        except OSError:
            break  # past the last capability this kernel knows
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getegid() != gid:
        raise PermissionError(1, "uid/gid did not change")


def static_limits(config: ChildConfig) -> None:
    for limit, value in ((resource.RLIMIT_NPROC, config.nproc),
                         (resource.RLIMIT_NOFILE, config.nofile),
                         (resource.RLIMIT_FSIZE, config.fsize_mb << 20),
                         (resource.RLIMIT_CORE, 0), (resource.RLIMIT_MSGQUEUE, 0),
                         (resource.RLIMIT_MEMLOCK, 64 << 10)):
        resource.setrlimit(limit, (value, value))


def request_limits(timeout_s: float, memory_mb: int) -> None:
    """CPU seconds (SIGXCPU, then SIGKILL one second later) and address space for one run."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(used.ru_utime + used.ru_stime + timeout_s) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    with open("/proc/self/statm", "rb") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    budget = mapped + (int(memory_mb) << 20)
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))


def _namespaces(progress: _Progress) -> None:
    if os.getpid() == 1:
        progress.layers.append("pid-namespace")
    for name, flag in NAMESPACES:
        progress.step(name, functools.partial(linux.unshare, flag))
    config = progress.config
    progress.step("private-tmp", lambda: mounts.private_scratch(config.tmpfs_mb, config.keep),
                  "mount-namespace")
    progress.step("private-proc", mounts.private_proc, "mount-namespace", "pid-namespace")


def _seal(progress: _Progress) -> None:
    config = progress.config
    progress.step("uid-drop", lambda: drop_privileges(config.uid, config.gid))
    death = progress.step("pdeathsig", lambda: linux.set_parent_death_signal(signal.SIGKILL))
    if not death:
        progress.layers = [n for n in progress.layers if n != "pdeathsig"]
    progress.step("no-new-privs", linux.set_no_new_privs)
    progress.step("rlimits", lambda: static_limits(config))
    if config.seccomp_program is not None:
        program = config.seccomp_program
        if progress.step("seccomp", lambda: seccomp_filter.install(program), "no-new-privs") \
                and not config.allow_fork:
            progress.layers.append("no-new-processes")


def enter_sandbox(config: ChildConfig, pipes: dict[str, int]) -> tuple[list[str], dict]:
    """Apply every available layer to the calling (freshly forked) process.

    ``pipes`` maps ``stdout``, ``stderr``, ``result``, ``request`` and ``ready`` to inherited
    descriptors. Returns ``(layers, errors)``; never raises for an unavailable layer.
    """
    progress = _Progress(config)
    progress.step("session", os.setsid)
    progress.step("pdeathsig", lambda: linux.set_parent_death_signal(signal.SIGKILL))
    _namespaces(progress)
    devnull = os.open("/dev/null", os.O_RDONLY)
    sources = [devnull, *(pipes[name] for name in FD_NAMES[1:])]
    arrange_fds(sources)  # not optional: the harness needs this layout
    progress.layers.append("fd-hygiene")
    _seal(progress)
    os.chdir("/tmp" if "private-tmp" in progress.layers else "/")
    return progress.layers, progress.errors
