"""The filesystem a sandboxed submission sees, built in two stages to keep each run cheap.

**Once per zygote** (:func:`build_base_view`, in the zygote's own private mount namespace):

* every mount is made private (``MS_REC|MS_PRIVATE``), so nothing we mount leaks to the host;
* *hidden* directories — the project checkout (hidden tests and references live there), the
  service's data directory, ``/root``, ``/home``… — are covered by an empty tmpfs. Directories the
  interpreter needs (the venv, the base Python, their site-packages: the *keep* list) are bind-
  mounted back inside the cover, so a venv under ``/root`` or the project still works;
* ``/dev`` is replaced by a tiny tmpfs holding only ``null``, ``zero``, ``full``, ``random`` and
  ``urandom`` (no ``/dev/kmsg``, disks or ``/dev/net/tun``) and an empty ``/dev/shm`` mount point;
* finally the whole tree is remounted read-only and nosuid with one recursive ``mount_setattr``,
  so world-writable places such as ``/var/tmp`` cannot carry files from one run to the next.

The zygote has already imported everything it needs, so hiding the project costs it nothing.

**Once per submission** (:func:`private_scratch`, :func:`private_proc`, in the child's fresh
mount namespace): a new size-capped tmpfs on ``/tmp`` and ``/dev/shm`` (keep-directories that live
under them, such as a venv in ``/tmp``, are bound back read-only) and a new ``/proc`` for the
child's PID namespace, which cannot show the service's or the zygote's processes. The namespace
(and its tmpfs contents) disappears when the submission's last process exits.
"""

from __future__ import annotations

import os
import site
import stat
import sys
from collections.abc import Iterable

from evaluators.sandbox import linux

DEVICES = {"null": (1, 3), "zero": (1, 5), "full": (1, 7), "random": (1, 8), "urandom": (1, 9)}
DEV_LINKS = {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1",
             "stderr": "/proc/self/fd/2"}
SYSTEM_DIRS = frozenset({"/", "/usr", "/etc", "/lib", "/lib64", "/bin", "/sbin", "/var", "/run",
                         "/proc", "/sys", "/dev", "/tmp", "/opt/conda"})
DEFAULT_HIDDEN = ("/root", "/home", "/srv", "/mnt", "/media", "/var/lib", "/var/log",
                  "/var/backups", "/var/mail", "/var/spool", "/etc/ssh")


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip("/") + "/")


def _outermost(paths: Iterable[str]) -> list[str]:
    """Real, existing directories, dropping any that sits inside another one of them."""
    real = sorted({os.path.realpath(p) for p in paths if p and os.path.isdir(p)})
    return [p for p in real if not any(q != p and _within(p, q) for q in real)]


def keep_dirs() -> list[str]:
    """Directories the interpreter needs at run time: prefixes and site-packages."""
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                  *site.getsitepackages(), os.path.dirname(os.path.realpath(sys.executable))]
    return [p for p in _outermost(candidates) if p != "/"]


def cover(path: str, options: str, keep: Iterable[str]) -> None:
    """Mount an empty tmpfs over ``path`` and bind the ``keep`` directories under it back.

    The keep directories are opened (``O_PATH``) before the cover goes on and bound from
    ``/proc/self/fd/N``, which still reaches the covered originals.
    """
    inside = [k for k in keep if k != path and _within(k, path) and os.path.isdir(k)]
    fds = [(k, os.open(k, os.O_PATH | os.O_DIRECTORY)) for k in inside]
    try:
        linux.mount("tmpfs", path, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, options)
        for target, fd in fds:
            os.makedirs(target, mode=0o755, exist_ok=True)
            linux.mount(f"/proc/self/fd/{fd}", target, None, linux.MS_BIND | linux.MS_REC)
            linux.mount_setattr(target, linux.MOUNT_ATTR_RDONLY | linux.MOUNT_ATTR_NOSUID)
    finally:
        for _, fd in fds:
            os.close(fd)


def minimal_dev() -> None:
    """Replace ``/dev`` with a tmpfs holding only harmless character devices."""
    linux.mount("tmpfs", "/dev", "tmpfs", linux.MS_NOSUID | linux.MS_NOEXEC,
                "size=64k,mode=755,nr_inodes=64")
    for name, (major, minor) in DEVICES.items():
        path = f"/dev/{name}"
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        os.chmod(path, 0o666)
    for name, target in DEV_LINKS.items():
        os.symlink(target, f"/dev/{name}")
    os.mkdir("/dev/shm")
    os.chmod("/dev/shm", 0o1777)


def hidden_dirs(project_root: str, extra: Iterable[str], keep: Iterable[str]) -> list[str]:
    """What to cover: defaults, the caller's list, the project root and the folder holding it.

    The project's parent goes too (sibling checkouts and data dirs), unless it is a system
    directory; neither is hidden when the project is an installed package inside site-packages.
    """
    keep = list(keep)
    wanted = [*DEFAULT_HIDDEN, *extra]
    root = os.path.realpath(project_root)
    if not any(_within(root, k) for k in keep):
        wanted.append(root)
        if os.path.dirname(root) not in SYSTEM_DIRS:
            wanted.append(os.path.dirname(root))
    real = {os.path.realpath(p) for p in wanted if os.path.isdir(p)}
    return sorted((p for p in real if p != "/"), key=lambda p: (p.count("/"), p))


def build_base_view(hidden: Iterable[str], keep: Iterable[str]) -> list[str]:
    """Set up the zygote's private mount namespace; returns the layers achieved.

    Raises :class:`OSError` if the namespace itself cannot be created (nothing was changed then).
    Later steps that fail are simply not listed.
    """
    linux.unshare(linux.CLONE_NEWNS)
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    layers = ["private-mounts"]
    keep = list(keep)
    try:
        for path in hidden:  # shallowest first, so nested covers land on top of binds
            if os.path.isdir(path):  # else an outer cover already hid it
                cover(path, "size=1m,mode=755", keep)
        layers.append("hidden-paths")
    except OSError as exc:
        print(f"kaoda-zygote: hiding paths failed: {exc}", file=sys.stderr)
    try:
        minimal_dev()
        layers.append("minimal-dev")
    except OSError as exc:
        print(f"kaoda-zygote: minimal /dev failed: {exc}", file=sys.stderr)
    try:
        linux.mount_setattr("/", linux.MOUNT_ATTR_RDONLY | linux.MOUNT_ATTR_NOSUID)
        layers.append("readonly-root")
    except OSError as exc:
        print(f"kaoda-zygote: read-only remount failed: {exc}", file=sys.stderr)
    return layers


def private_scratch(size_mb: int, keep: Iterable[str]) -> None:
    """Fresh, size-capped, world-writable tmpfs on ``/tmp`` and ``/dev/shm``."""
    keep = list(keep)
    for path in ("/tmp", "/dev/shm"):
        cover(path, f"size={size_mb}m,mode=1777,nr_inodes=4096", keep)


def private_proc() -> None:
    """A ``/proc`` for the caller's PID namespace, stacked over the zygote's."""
    linux.mount("proc", "/proc", "proc", linux.MS_NOSUID | linux.MS_NODEV | linux.MS_NOEXEC)
