"""Reading a sandboxed child's results and output with hard caps and a wall-clock deadline."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import time
from typing import IO, Any

from evaluators import wire

RESULT_CAP = 256 << 20


def kill_group(pid: int) -> None:
    """SIGKILL the whole process group led by ``pid`` (and ``pid`` itself)."""
    for target in (-pid, pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(target, signal.SIGKILL)


def collect_events(pid: int, result_fd: int, stdout: IO[bytes] | None,
                   stderr: IO[bytes] | None, timeout_s: float,
                   output_cap: int) -> tuple[list[dict[str, Any]], str, str, bool]:
    """Drain the result pipe and stdout/stderr until EOF or the deadline; kill on timeout.

    Returns ``(events, stdout_text, stderr_text, timed_out)``. Output beyond ``output_cap`` bytes
    per stream is discarded (the text says so); results beyond ``RESULT_CAP`` kill the child.
    """
    buffers: dict[int, bytearray] = {result_fd: bytearray()}
    caps = {result_fd: RESULT_CAP}
    selector = selectors.DefaultSelector()
    selector.register(result_fd, selectors.EVENT_READ)
    for stream in (stdout, stderr):
        if stream is not None:
            fd = stream.fileno()
            buffers[fd] = bytearray()
            caps[fd] = output_cap
            selector.register(fd, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout_s
    timed_out = False
    while selector.get_map():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            kill_group(pid)
            break
        for key, _ in selector.select(timeout=min(remaining, 0.5)):
            chunk = os.read(key.fd, 65536)
            if not chunk:
                selector.unregister(key.fd)
                continue
            buf = buffers[key.fd]
            room = caps[key.fd] + 1 - len(buf)
            buf += chunk[:max(room, 0)]
            if key.fd == result_fd and len(buf) > caps[key.fd]:
                kill_group(pid)
    selector.close()
    os.close(result_fd)
    events, _ = wire.decode_stream(bytes(buffers[result_fd]))
    texts = []
    for stream in (stdout, stderr):
        if stream is None:
            texts.append("")
            continue
        raw = bytes(buffers[stream.fileno()])
        text = raw[:output_cap].decode("utf-8", "replace")
        if len(raw) > output_cap:
            text += f"\n[output truncated at {output_cap // 1024} KiB]"
        texts.append(text)
    return events, texts[0], texts[1], timed_out
