"""Running ``python -m llama_cpp.server`` on loopback, and knowing when it is ready.

:class:`LocalServer` builds the command (the model's alias is what clients pass as ``model``; the
chat template comes from inside the GGUF), starts it in its own session (so ``--detach`` leaves
it running after the CLI exits, and a stop kills its whole process group), and polls
``GET /v1/models`` until the alias is listed or the process dies. Its output goes to a log file
whose tail is quoted in any start error. A state file (``server.json``: pid, port, alias, model
path) lets ``kaoda llm status`` / ``stop`` find a detached server. Only loopback addresses are
accepted: the server has no authentication of its own.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from service.local_llm.errors import ServerStartError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_threads() -> int:
    """Half the cores, at least one.

    llama.cpp's threads spin at barriers: with every core taken, one busy core elsewhere (the
    service embedding an answer, a sandboxed submission) stalls each step. Measured on 2 cores
    with one core busy, Qwen2.5-Coder-0.5B: 1 thread 22–30 tokens/s; 2 threads 0.3–3 tokens/s and
    8–10 s to the first token.
    """
    return max(1, (os.cpu_count() or 2) // 2)


@dataclass(frozen=True)
class ServerSpec:
    model_path: Path
    alias: str
    host: str = "127.0.0.1"
    port: int = 8090
    n_ctx: int = 4096
    threads: int | None = None  # default: half the cores (see default_threads)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def command(self) -> list[str]:
        threads = str(self.threads or default_threads())
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model_path),
                "--model_alias", self.alias, "--n_ctx", str(self.n_ctx), "--host", self.host,
                "--port", str(self.port), "--n_threads", threads, "--n_threads_batch", threads,
                "--verbose", "False"]


def serving_alias(base_url: str, timeout_s: float = 2.0) -> list[str] | None:
    """The model ids an OpenAI-compatible server at ``base_url`` lists, or ``None`` if none answers."""
    try:
        response = httpx.get(f"{base_url}/models", timeout=timeout_s)
        response.raise_for_status()
        return [str(m.get("id")) for m in response.json().get("data", [])]
    except (httpx.HTTPError, ValueError, AttributeError):
        return None


def _tail(path: Path, lines: int = 12) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class LocalServer:
    """One llama.cpp server process for ``spec``; ``state_dir`` holds its log and state file."""

    def __init__(self, spec: ServerSpec, state_dir: Path) -> None:
        if not is_loopback(spec.host):
            raise ServerStartError(f"the local LLM server only listens on loopback, not "
                                   f"{spec.host!r} (it has no authentication)")
        self.spec, self.state_dir = spec, state_dir
        self.log_path = state_dir / "server.log"
        self.state_path = state_dir / "server.json"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 120.0) -> None:
        """Start the server and block until it serves the alias (or raise ServerStartError)."""
        listed = serving_alias(self.spec.base_url)
        if listed is not None:
            if self.spec.alias in listed:
                return  # already running (e.g. a detached server from an earlier start)
            raise ServerStartError(
                f"port {self.spec.port} is taken by another server (serving {listed}); choose "
                "another with KAODA_LOCAL_LLM__PORT")
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(self.spec.command(), stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        self._wait_ready(timeout_s)
        self.state_path.write_text(json.dumps(
            {"pid": self.process.pid, **asdict(self.spec), "model_path": str(self.spec.model_path)}))

    def _wait_ready(self, timeout_s: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise ServerStartError(f"the llama.cpp server exited with code {code} during "
                                       f"startup; its log ({self.log_path}) ends:\n"
                                       f"{_tail(self.log_path)}")
            listed = serving_alias(self.spec.base_url, timeout_s=1.0)
            if listed is not None and self.spec.alias in listed:
                return
            time.sleep(0.25)
        self.stop()
        raise ServerStartError(f"the llama.cpp server was not ready in {timeout_s:.0f} s; its "
                               f"log ({self.log_path}) ends:\n{_tail(self.log_path)}")

    def wait(self) -> int:
        """Block until the server exits (foreground ``kaoda llm serve``)."""
        assert self.process is not None
        return self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            _kill_group(self.process.pid)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _kill_group(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.state_path.unlink(missing_ok=True)


def _kill_group(pid: int, sig: signal.Signals = signal.SIGTERM) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def read_state(state_dir: Path) -> dict | None:
    """The detached server's state, if its process is still alive."""
    try:
        state = json.loads((state_dir / "server.json").read_text())
        os.kill(int(state["pid"]), 0)
        return state
    except (OSError, ValueError, KeyError, TypeError):
        return None


def stop_detached(state_dir: Path) -> bool:
    """Stop the server a ``--detach`` start left running; ``False`` if none was running."""
    state = read_state(state_dir)
    (state_dir / "server.json").unlink(missing_ok=True)
    if state is None:
        return False
    pid = int(state["pid"])
    _kill_group(pid)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return True
        time.sleep(0.1)
    _kill_group(pid, signal.SIGKILL)
    return True
