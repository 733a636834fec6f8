"""The filesystem a sandboxed submission sees: an allow-list, built in two stages.

**Once per zygote** (:func:`build_root`, in the zygote's own private mount namespace, after
everything it needs is imported): a brand-new root is assembled on an empty tmpfs and
``pivot_root`` makes it *the* root; the host's tree is then detached. Nothing is visible unless
it is on the allow-list (:func:`allowed_paths`), each entry bound read-only:

* the interpreter (its prefix and stdlib), the virtualenv (site-packages), and the directories
  of every shared library the zygote has mapped (libc, libstdc++, OpenMP…);
* ``/etc/ld.so.cache``, ``/etc/passwd``, ``/etc/group`` (library lookup and uid names), the
  CPU topology under ``/sys/devices/system/cpu``, and the host's ``/lib``-style symlinks;
* a minimal ``/dev`` (``null``, ``zero``, ``full``, ``random``, ``urandom``), a fresh ``/proc``,
  empty ``/tmp`` and ``/dev/shm`` mount points.

Never on the list, whatever the paths: the serving checkout or any other copy of the project
(so no ``evaluators/problems/*/reference.py``), the service's data directory and database,
caches, ``/root``, ``/home``, ``/work``… — a directory that *contains* one of the roots given as
``forbidden`` (the project, the service home) is never bound, only deeper entries are. The
zygote has already imported the drivers and the harness, so it needs no source file at all.
Finally the whole tree is remounted read-only and nosuid with one recursive ``mount_setattr``.

**Once per submission** (:func:`private_scratch`, :func:`private_proc`, in the child's fresh
mount namespace): a new size-capped tmpfs on ``/tmp`` and ``/dev/shm`` (allowed directories
that live under them, such as a venv in ``/tmp``, are bound back read-only) and a new ``/proc``
for the child's PID namespace, which cannot show the service's or the zygote's processes.
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
ALLOWED_FILES = ("/etc/ld.so.cache", "/etc/passwd", "/etc/group")
ALLOWED_SYSTEM_DIRS = ("/sys/devices/system/cpu", "/usr/lib/locale")
ROOT_LINKS = ("lib", "lib32", "lib64", "libx32", "bin", "sbin")
STAGING = "/tmp"  # covered by the new root's tmpfs in this namespace only


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


def mapped_dirs() -> list[str]:
    """Directories of every file this process has mapped (the shared libraries it loaded)."""
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split(maxsplit=5)
            if len(parts) == 6 and parts[5].startswith("/"):
                path = parts[5].strip().removesuffix(" (deleted)")
                found.add(os.path.dirname(os.path.realpath(path)))
    return sorted(found)


def allowed_paths(forbidden: Iterable[str]) -> tuple[list[str], list[str]]:
    """``(directories, files)`` to bind into the new root; none contains a ``forbidden`` root."""
    roots = [os.path.realpath(p) for p in forbidden if p]
    wanted = [*keep_dirs(), *mapped_dirs(), *ALLOWED_SYSTEM_DIRS]
    # a needed directory inside a forbidden root (the venv under the service's cache) is fine;
    # one that contains a forbidden root (its parent, /root…) never is
    dirs = [d for d in _outermost(wanted) if d != "/" and not any(_within(r, d) for r in roots)]
    files = [f for f in ALLOWED_FILES if os.path.isfile(f)]
    return dirs, files


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
            _bind_readonly(f"/proc/self/fd/{fd}", target)
    finally:
        for _, fd in fds:
            os.close(fd)


def _bind_readonly(source: str, target: str) -> None:
    linux.mount(source, target, None, linux.MS_BIND | linux.MS_REC)
    linux.mount_setattr(target, linux.MOUNT_ATTR_RDONLY | linux.MOUNT_ATTR_NOSUID)


def minimal_dev(root: str = "") -> None:
    """Mount a tmpfs on ``root/dev`` holding only harmless character devices."""
    dev = f"{root}/dev"
    os.makedirs(dev, exist_ok=True)
    linux.mount("tmpfs", dev, "tmpfs", linux.MS_NOSUID | linux.MS_NOEXEC,
                "size=64k,mode=755,nr_inodes=64")
    for name, (major, minor) in DEVICES.items():
        path = f"{dev}/{name}"
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        os.chmod(path, 0o666)
    for name, target in DEV_LINKS.items():
        os.symlink(target, f"{dev}/{name}")
    os.mkdir(f"{dev}/shm")
    os.chmod(f"{dev}/shm", 0o1777)


def _populate(new: str, opened: list[tuple[str, int, bool]]) -> None:
    """Bind every allowed path (opened before the staging tmpfs covered anything)."""
    for path, fd, is_dir in opened:
        target = new + path
        if is_dir:
            os.makedirs(target, mode=0o755, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
            with open(target, "w"):
                pass
        _bind_readonly(f"/proc/self/fd/{fd}", target)
    for name in ROOT_LINKS:
        if os.path.islink(f"/{name}") and not os.path.lexists(f"{new}/{name}"):
            os.symlink(os.readlink(f"/{name}"), f"{new}/{name}")
    for name, mode in (("tmp", 0o1777), ("proc", 0o555)):
        os.makedirs(f"{new}/{name}", exist_ok=True)
        os.chmod(f"{new}/{name}", mode)


def build_root(dirs: list[str], files: list[str]) -> list[str]:
    """Make a fresh root holding only ``dirs`` and ``files``; returns the layers achieved.

    Raises :class:`OSError` if the mount namespace itself cannot be created (nothing changed
    then). Later steps that fail are simply not listed.
    """
    linux.unshare(linux.CLONE_NEWNS)
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    layers = ["private-mounts"]
    opened = [(p, os.open(p, os.O_PATH), os.path.isdir(p)) for p in [*dirs, *files]]
    try:
        linux.mount("tmpfs", STAGING, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV,
                    "size=4m,mode=755")
        _populate(STAGING, opened)
        minimal_dev(STAGING)
        os.makedirs(f"{STAGING}/.old", exist_ok=True)
        linux.pivot_root(STAGING, f"{STAGING}/.old")
        os.chdir("/")
        linux.mount("proc", "/proc", "proc", linux.MS_NOSUID | linux.MS_NODEV | linux.MS_NOEXEC)
        linux.umount("/.old")
        os.rmdir("/.old")
        layers += ["minimal-dev", "allowlist-root"]
    except OSError as exc:
        print(f"kaoda-zygote: allow-list root failed: {exc}", file=sys.stderr)
        return layers
    finally:
        for _, fd, _ in opened:
            os.close(fd)
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
