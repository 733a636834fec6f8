"""The byte protocol between the pool, its zygotes and their children.

Pool → zygote (the zygote's stdin): one *request* = a fixed header (:data:`REQUEST`: magic,
body length, timeout, memory limit) followed by the body, the packed *parts* of
:mod:`evaluators.sandbox.protocol` (the load part, then one per case). The zygote never decodes
them: it streams raw bytes to the child (a limits header, the run's key, then the parts as the
protocol allows), from a buffer children do not inherit, so no submission's code or data is
ever parsed by, or left behind in, a process that forks later children.

Zygote → pool (a dedicated pipe): *frames* of one kind byte, a 4-byte length and a payload:

* ``H`` hello (JSON: isolation achieved, zygote pid, loaded driver modules) once at start-up;
* ``S`` started: the zygote accepted the request (from here on the pool never retries it
  elsewhere; a child lost before it read the request is replaced by the zygote itself);
* ``P`` (JSON ``{"length"}``) a verified-so-far record of this size follows, ``R`` its bytes in
  chunks, ``Q`` (JSON: kind, case index, the zygote's measurements) its end — sent only once
  the record's tag has been checked;
* ``O`` / ``E``: raw chunks of the child's stdout, stderr;
* ``X`` exit (JSON: exit code or signal, killed for what, protocol violation, byte counts);
* ``F`` fatal (JSON ``{"error"}``): the zygote cannot go on and exits.
"""

from __future__ import annotations

import json
import os
import struct
from typing import Any

REQUEST = struct.Struct("<4sQdI")
REQUEST_MAGIC = b"KZR1"
FRAME = struct.Struct("<cI")
MAX_FRAME = 1 << 20


class ChannelError(RuntimeError):
    """The peer closed the pipe or sent something malformed."""


def pack_request(body: bytes, timeout_s: float, memory_mb: int) -> bytes:
    return REQUEST.pack(REQUEST_MAGIC, len(body), float(timeout_s), int(memory_mb))


def unpack_request(header: bytes | bytearray) -> tuple[int, float, int]:
    """``(body_length, timeout_s, memory_mb)`` from a request header."""
    magic, length, timeout_s, memory_mb = REQUEST.unpack(bytes(header))
    if magic != REQUEST_MAGIC:
        raise ChannelError(f"bad request magic {magic!r}")
    return length, timeout_s, memory_mb


def read_into(fd: int, view: memoryview) -> None:
    """Fill ``view`` completely from ``fd`` (blocking); :class:`ChannelError` on EOF."""
    done = 0
    while done < len(view):
        got = os.readv(fd, [view[done:]])
        if got == 0:
            raise ChannelError("pipe closed")
        done += got


def write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def writev_all(fd: int, pieces: list[bytes | bytearray | memoryview]) -> None:
    """Write every piece, in order, with as few system calls as the kernel allows."""
    views = [memoryview(p) for p in pieces if len(p)]
    while views:
        written = os.writev(fd, views[:1024])
        while written and views:
            if written >= len(views[0]):
                written -= len(views[0])
                views.pop(0)
            else:
                views[0] = views[0][written:]
                written = 0


def send_frame(fd: int, kind: bytes, payload: bytes | bytearray | memoryview = b"") -> None:
    writev_all(fd, [FRAME.pack(kind, len(payload)), payload])


def send_json(fd: int, kind: bytes, value: dict[str, Any]) -> None:
    send_frame(fd, kind, json.dumps(value).encode())


class FrameSink:
    """Frames collected and sent together (one ``writev`` per batch instead of two writes per
    frame). Payloads may be views: :meth:`flush` before the memory behind them is reused."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pieces: list[bytes | bytearray | memoryview] = []
        self.size = 0

    def frame(self, kind: bytes, payload: bytes | bytearray | memoryview = b"") -> None:
        self.pieces += [FRAME.pack(kind, len(payload)), payload]
        self.size += FRAME.size + len(payload)

    def json(self, kind: bytes, value: dict[str, Any]) -> None:
        self.frame(kind, json.dumps(value).encode())

    def flush(self) -> None:
        if self.pieces:
            pieces, self.pieces, self.size = self.pieces, [], 0
            writev_all(self.fd, pieces)


class FrameReader:
    """Incremental frame parser for the pool side: ``feed`` bytes, get complete frames."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[tuple[bytes, bytes]]:
        self._buffer += data
        frames = []
        while len(self._buffer) >= FRAME.size:
            kind, length = FRAME.unpack_from(self._buffer)
            if length > MAX_FRAME:
                raise ChannelError(f"frame of {length} bytes is too large")
            end = FRAME.size + length
            if len(self._buffer) < end:
                break
            frames.append((kind, bytes(self._buffer[FRAME.size:end])))
            del self._buffer[:end]
        return frames
