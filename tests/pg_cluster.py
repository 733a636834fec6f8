"""A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a temporary data
directory, a free loopback port, started and stopped by the caller.

``scripts/ensure_postgres.sh`` installs the server (the test command runs it). PostgreSQL refuses
to run as root, so as root the cluster belongs to the ``postgres`` system user (created by the
Debian package) and its commands run through ``runuser``. Durability settings are off (fsync):
the data is thrown away afterwards.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

DB_NAME = "kaoda"
BACKENDS = ["sqlite", "postgresql"]


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (install: bash scripts/ensure_postgres.sh)."""


def find_bindir() -> Path:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "postgres").exists() and (candidate / "initdb").exists():
            return candidate
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise PostgresUnavailable("PostgreSQL server binaries not found; install them with "
                              "`bash scripts/ensure_postgres.sh` (Debian package postgresql)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    def __init__(self, base_dir: Path | None = None) -> None:
        self.bindir = find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="kaoda-pg-", dir=base_dir))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.owner = "postgres" if self.as_root else getpass.getuser()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.owner}@127.0.0.1:{self.port}/{DB_NAME}"

    def _run(self, *argv: str, timeout: float = 120) -> None:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.as_root:
            command = ["runuser", "-u", self.owner, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed ({result.returncode}): "
                               f"{(result.stderr or result.stdout)[-2000:]}")

    def start(self) -> PostgresCluster:
        if self.as_root:
            shutil.chown(self.root, self.owner)
            self.root.chmod(0o700)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.owner, "-E", "UTF8",
                  "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200 -c shared_buffers=64MB")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                  "-w", "-t", "60", "start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.owner, DB_NAME)
        return self

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def fresh_database(self, name: str) -> str:
        """Another empty database on the same server; returns its URL."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.owner, name)
        return f"postgresql+psycopg://{self.owner}@127.0.0.1:{self.port}/{name}"


def database_url(backend: str, request: Any, tmp_dir: Path, name: str) -> str:
    """A fresh database: a SQLite file in ``tmp_dir``, or a new database on the session's
    PostgreSQL server (the ``pg_cluster`` fixture, resolved through the pytest ``request``)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / (name + '.db')}"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.fresh_database(name)
