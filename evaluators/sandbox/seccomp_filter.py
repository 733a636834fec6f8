"""The seccomp filter applied to every submission, compiled once per zygote.

Policy: default **allow**, and ``EPERM`` for the system calls a numpy/torch solution never needs
but an attacker would: all network sockets (``socket`` of any family, ``connect``/``bind``/
``listen``/``accept``; ``socketpair`` only for ``AF_UNIX``, which reaches nothing outside the
process tree), namespaces and mounts, tracing and other processes' memory, kernel attack surface
(``bpf``, ``io_uring``, keyrings, ``perf_event_open``, ``userfaultfd``, modules, kexec…), changes
of credentials, SysV/POSIX IPC, ``memfd_create`` (unaccounted memory), ``personality`` (ASLR off),
and ``prctl(PR_SET_PDEATHSIG)`` (the child must die with its zygote). ``clone`` is refused when any
namespace flag is set; ``clone3``, whose flags the filter cannot see, answers ``ENOSYS`` so libc
falls back to ``clone``. Calls made through another ABI (``int 0x80``, x32) kill the process.

New *processes* are refused too (``fork``, ``vfork``, ``clone`` without ``CLONE_THREAD``; threads
still work), unless the pool is started with ``allow_fork=True``. Reason: RLIMIT_AS bounds one
process's address space, so with fork allowed a submission could hold ``nproc`` times its memory
limit (32 x 2 GiB) — without a cgroup there is no other per-submission memory bound. It also
makes fork bombs and daemons impossible rather than merely contained (the PID namespace still
kills any that exist when fork is allowed).

:func:`compile_filter` runs in the zygote with libseccomp (``pyseccomp``) and exports plain BPF
bytes; :func:`install` in the child is one ``prctl(PR_SET_SECCOMP)`` call — no libseccomp code, no
allocation, runs in microseconds. Needs the Debian package ``libseccomp2`` (``libseccomp.so.2``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import socket

from evaluators.sandbox import linux

DENIED = (
    # networking
    "socket", "connect", "bind", "listen", "accept", "accept4",
    # namespaces, mounts, roots
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "mount_setattr",
    "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
    # other processes
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "process_madvise",
    # kernel attack surface
    "bpf", "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl", "add_key",
    "request_key", "perf_event_open", "userfaultfd", "kexec_load", "kexec_file_load",
    "init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff", "syslog",
    "acct", "quotactl", "quotactl_fd", "lookup_dcookie", "open_by_handle_at",
    "name_to_handle_at", "iopl", "ioperm", "vhangup", "uselib", "personality",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname",
    "setdomainname", "fanotify_init", "memfd_create", "memfd_secret",
    # credentials (already dropped; refuse anyway)
    "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setfsuid",
    "setfsgid", "setgroups", "capset",
    # IPC that outlives a process
    "msgget", "semget", "shmget", "mq_open",
)

CLONE_THREAD = 0x00010000
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _rules(filt, seccomp, allow_fork: bool) -> None:
    deny = seccomp.ERRNO(errno.EPERM)
    for name in DENIED:
        with contextlib.suppress(OSError, ValueError, RuntimeError):  # not on this architecture
            filt.add_rule(deny, name)
    for flag in linux.NAMESPACE_FLAGS:
        filt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    filt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    filt.add_rule(deny, "socketpair", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    filt.add_rule(deny, "prctl", seccomp.Arg(0, seccomp.EQ, linux.PR_SET_PDEATHSIG))
    if not allow_fork:  # threads only: clone must carry CLONE_THREAD
        filt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
        for name in ("fork", "vfork"):
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                filt.add_rule(deny, name)


def compile_filter(allow_fork: bool = False) -> bytes:
    """Build the filter with libseccomp and return it as raw BPF (``struct sock_filter[]``).

    Unless ``allow_fork``, new processes are refused (threads are fine). Raises
    :class:`ImportError`/:class:`RuntimeError` when libseccomp is missing.
    """
    import pyseccomp as seccomp

    filt = seccomp.SyscallFilter(seccomp.ALLOW)
    filt.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
    _rules(filt, seccomp, allow_fork)
    fd = os.memfd_create("kaoda-seccomp")
    with os.fdopen(fd, "w+b") as sink:
        filt.export_bpf(sink)
        sink.seek(0)
        return sink.read()


def install(program: bytes) -> None:
    """Load a compiled filter into the calling thread (requires no-new-privs first)."""
    if not program or len(program) % 8:
        raise OSError(errno.EINVAL, "empty or malformed seccomp program")
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    linux.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog))
