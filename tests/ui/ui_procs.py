"""Starting and stopping the real processes the UI tests talk to (service, Streamlit)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).parents[2]
TEST_HOME = Path(os.environ.get("KAODA_TEST_HOME", Path.home() / ".cache" / "kaoda-test"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(url: str, process: subprocess.Popen, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n"
                               + log.read_text(errors="replace")[-4000:])
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {timeout_s:.0f}s:\n"
                       + log.read_text(errors="replace")[-4000:])


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def service_env(db_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAODA_LLM__")}
    env.update({"PYTHONPATH": str(ROOT), "KAODA_HOME": str(TEST_HOME),
                "KAODA_DB__URL": f"sqlite:///{db_dir / 'kaoda.db'}",
                "KAODA_SANDBOX__WORKERS": "2"})
    return env
