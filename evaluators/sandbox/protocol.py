"""The per-run protocol between a supervisor (the zygote, or the cold runner) and its child.

Nothing a submission's process computes about itself is trusted, so the protocol is built to
leave the child as little room as possible:

**Request, streamed.** The supervisor holds a request as *parts* (each ``[u64 length][bytes]``,
bytes = :func:`evaluators.wire.encode` output; the length's top bit marks a *strict* part): part
0 is the load part (``code``, ``driver``, case names and ops, forbidden names), part ``i`` the
``i``-th case's payload. The child gets a fresh 32-byte key and part 0 at once. Parts of
ordinary cases follow only once the module has loaded, back to back. A strict part — a case
with a time budget — is sent only when every earlier case has been answered, and nothing after
it until it has been answered itself: its inputs cannot be seen before its clock starts (so
nothing can be precomputed at import time or during another case), and the child is idle,
blocked on the pipe, whenever the supervisor reads its clocks.

**Records, authenticated and in order.** The child answers with records
``[kind: 1 byte][length: u32][payload][tag: 32 bytes]`` where ``tag = HMAC-SHA256(key, seq ||
kind || length || payload)`` and ``seq`` counts records from 0. The harness thread holds the key
only inside an OpenSSL HMAC context reachable from its own stack. The supervisor accepts exactly
this grammar and nothing else::

    (LOADED (BEGIN? CASE){n} | LOAD_ERROR) DONE

so bytes written straight to the result pipe (a forged "case passed"), a replayed record or a
record out of order end the run as a protocol violation. The supervisor starts a case's clocks (wall
time, the child's CPU clock read from outside, its peak RSS) when it sends the case's part —
the child is blocked reading it, so nothing is missed. A ``BEGIN`` says "the driver is about to
call the candidate's code"; when its one-byte payload is ``W`` (the driver first prepared inputs
that must not count, e.g. 200 000 generated rows) the child then waits for a ``G`` byte on the
request pipe, and the supervisor restarts the clocks before sending it. Once every case is
answered the supervisor sends an empty *closing* part, which the child reads before its
``DONE``: the child is alive, blocked on the pipe, when the supervisor reads its measurements of
the last case (a process that has exited has no resident memory left to read).

:class:`RunProtocol` is the supervisor's state machine, sans I/O: it says what to write next and
turns bytes read from the child into verified records (payloads are streamed out in chunks, each
record confirmed by its tag at the end), so the zygote never holds a whole result in memory and
never parses one.
"""

from __future__ import annotations

import _hashlib
import hmac
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

KEY_BYTES = 32
TAG_BYTES = 32
PART_LEN = struct.Struct("<Q")
RECORD_HEAD = struct.Struct("<cI")
SEQ = struct.Struct("<Q")

LOADED, LOAD_ERROR, BEGIN, CASE, DONE = b"L", b"E", b"B", b"C", b"D"
WAIT, GO = b"W", b"G"
KINDS = (LOADED, LOAD_ERROR, BEGIN, CASE, DONE)


class ProtocolViolation(RuntimeError):
    """The child sent something the grammar does not allow (forged, replayed or out of order)."""


class OutputLimit(ProtocolViolation):
    """The records together would exceed the result cap (not a forgery: the run is stopped)."""


STRICT = 1 << 63


def pack_parts(parts: list[bytes], strict: list[bool] | None = None) -> bytes:
    """Concatenate request parts, each prefixed with its u64 length (top bit: strict)."""
    flags = strict or [False] * len(parts)
    return b"".join(PART_LEN.pack(len(p) | (STRICT if s else 0)) + p
                    for p, s in zip(parts, flags, strict=True))


def split_parts(body: memoryview) -> tuple[list[memoryview], list[bool]]:
    """The parts of a packed body as views (never copies, never decodes), and their flags."""
    parts, strict, at = [], [], 0
    while at < len(body):
        if at + PART_LEN.size > len(body):
            raise ProtocolViolation("truncated request part header")
        (word,) = PART_LEN.unpack_from(body, at)
        size = word & (STRICT - 1)
        at += PART_LEN.size
        if at + size > len(body):
            raise ProtocolViolation("truncated request part")
        parts.append(body[at:at + size])
        strict.append(bool(word & STRICT))
        at += size
    if not parts:
        raise ProtocolViolation("empty request")
    return parts, strict


def record_tag(mac: Any, seq: int, kind: bytes, payload: bytes | memoryview) -> bytes:
    """The tag of one record, from a keyed context that is copied, never consumed."""
    ctx = mac.copy()
    ctx.update(SEQ.pack(seq) + RECORD_HEAD.pack(kind, len(payload)))
    ctx.update(payload)
    return ctx.digest()


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def keyed(key: bytes) -> Any:
    """An HMAC-SHA256 context (OpenSSL's, in C: ``copy``/``update``/``digest`` are cheap)."""
    return _hashlib.hmac_new(key, digestmod="sha256")


@dataclass
class Record:
    """A record being received: its kind, and (once complete) whether its tag verified."""

    kind: bytes
    length: int
    index: int  # case index for BEGIN/CASE, -1 otherwise
    verified: bool = False


@dataclass
class RunProtocol:
    """The supervisor's side of one run: what to send, and checking what comes back.

    ``on_record(record)`` is called when a record's header has arrived (so clocks can start on
    ``BEGIN`` as early as possible), ``on_chunk(record, data)`` for each piece of its payload,
    ``on_end(record)`` once its tag has been verified. Any violation raises
    :class:`ProtocolViolation`; the caller kills the child.
    """

    parts: list[memoryview]
    max_payload: int
    strict: list[bool] = field(default_factory=list)
    key: bytes = field(default_factory=new_key)
    seq: int = 0
    received: int = 0  # payload bytes announced so far (all records together <= max_payload)
    sent_parts: int = 0
    cases_done: int = 0
    closing_sent: bool = False
    state: str = "load"  # load -> begin -> case -> ... -> done -> closed
    _buffer: bytearray = field(default_factory=bytearray)
    _current: Record | None = None
    _remaining: int = 0
    _ctx: Any = None
    _tag: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        self._mac = keyed(self.key)

    @property
    def cases(self) -> int:
        return len(self.parts) - 1

    def opening(self, header: bytes = b"") -> list[memoryview]:
        """``header``, the key and part 0: what the child gets before anything else.

        Pieces are views (the parts are never copied: they stay in the caller's buffer).
        """
        self.sent_parts = 1
        first = header + self.key + PART_LEN.pack(len(self.parts[0]))
        return [memoryview(first), self.parts[0]]

    def _is_strict(self, index: int) -> bool:
        return index < len(self.strict) and self.strict[index]

    def next_parts(self) -> tuple[list[memoryview], bool]:
        """The parts that may be sent now, and whether they end with a strict one.

        Ordinary parts go as soon as the module has loaded; a strict part only when every
        earlier case is answered, and then nothing until it is answered too.
        """
        pieces: list[memoryview] = []
        if self.state in ("load", "done", "closed"):
            return pieces, False
        while self.sent_parts <= self.cases:
            waiting = self.sent_parts - 1 - self.cases_done  # cases sent, not answered
            if self._is_strict(self.sent_parts - 1) and waiting:
                break  # a strict case is running: wait for it
            strict = self._is_strict(self.sent_parts)
            if strict and waiting:
                break
            part = self.parts[self.sent_parts]
            self.sent_parts += 1
            pieces += [memoryview(PART_LEN.pack(len(part))), part]
            if strict:
                return pieces, True
        if self.sent_parts > self.cases and self.cases_done == self.cases \
                and not self.closing_sent:
            self.closing_sent = True  # every case answered and measured: the child may finish
            pieces.append(memoryview(PART_LEN.pack(0)))
        return pieces, False

    @property
    def finished(self) -> bool:
        return self.state == "closed"

    @property
    def all_parts_sent(self) -> bool:
        return self.sent_parts > self.cases or self.state in ("done", "closed")

    # -- receiving ----------------------------------------------------------------------------
    def feed(self, data: bytes | memoryview, on_record: Callable[[Record], None],
             on_chunk: Callable[[Record, memoryview], None],
             on_end: Callable[[Record], None]) -> None:
        view = memoryview(data)
        while view:
            if self._current is None:
                view = self._read_head(view, on_record)
            elif self._remaining:
                take = min(self._remaining, len(view))
                chunk = view[:take]
                assert self._ctx is not None
                self._ctx.update(chunk)
                on_chunk(self._current, chunk)
                self._remaining -= take
                view = view[take:]
            else:
                take = min(TAG_BYTES - len(self._tag), len(view))
                self._tag += view[:take]
                view = view[take:]
                if len(self._tag) == TAG_BYTES:
                    on_end(self._finish())

    def _read_head(self, view: memoryview, on_record: Callable[[Record], None]) -> memoryview:
        take = min(RECORD_HEAD.size - len(self._buffer), len(view))
        self._buffer += view[:take]
        if len(self._buffer) < RECORD_HEAD.size:
            return view[take:]
        kind, length = RECORD_HEAD.unpack(self._buffer)
        self._buffer.clear()
        self._current = self._expect(kind, length)
        ctx = self._mac.copy()
        ctx.update(SEQ.pack(self.seq) + RECORD_HEAD.pack(kind, length))
        self._ctx, self._remaining = ctx, length
        self._tag.clear()
        on_record(self._current)
        return view[take:]

    def _expect(self, kind: bytes, length: int) -> Record:
        allowed = {"load": (LOADED, LOAD_ERROR), "begin": (BEGIN, CASE, DONE),
                   "case": (CASE,), "done": (DONE,)}.get(self.state, ())
        if kind not in allowed:
            raise ProtocolViolation(f"record {kind!r} not allowed while waiting for "
                                    f"{self.state!r}")
        if kind == DONE and self.state == "begin" and self.cases_done != self.cases:
            raise ProtocolViolation(f"done after {self.cases_done} of {self.cases} cases")
        if kind in (BEGIN, CASE) and self.sent_parts < self.cases_done + 2:
            raise ProtocolViolation(f"record {kind!r} before its case was sent")
        if kind == BEGIN and length > 1:
            raise ProtocolViolation("a begin record with a payload")
        if length > self.max_payload - self.received:
            raise OutputLimit(f"results over {self.max_payload} bytes")
        self.received += length
        index = self.cases_done if kind in (BEGIN, CASE) else -1
        return Record(kind, length, index)

    def _finish(self) -> Record:
        assert self._current is not None and self._ctx is not None
        record, self._current = self._current, None
        if not hmac.compare_digest(self._ctx.digest(), bytes(self._tag)):
            raise ProtocolViolation(f"record {record.kind!r} #{self.seq} has a bad tag "
                                    "(written by something other than the harness)")
        record.verified = True
        self.seq += 1
        if record.kind == LOADED:
            self.state = "begin"
        elif record.kind == LOAD_ERROR:
            self.state = "done"
        elif record.kind == BEGIN:
            self.state = "case"
        elif record.kind == CASE:
            self.cases_done += 1
            self.state = "begin"
        else:
            self.state = "closed"
        return record


# -- the child's side -------------------------------------------------------------------------

def read_exact(read: Callable[[int], bytes], size: int) -> bytes:
    """Read exactly ``size`` bytes with ``read`` (``os.read`` bound to an fd); EOFError if cut."""
    chunks, got = [], 0
    while got < size:
        chunk = read(min(size - got, 1 << 20))
        if not chunk:
            raise EOFError(f"request cut short: wanted {size} bytes, got {got}")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_part(read: Callable[[int], bytes], limit: int = 1 << 31) -> bytes:
    (size,) = PART_LEN.unpack(read_exact(read, PART_LEN.size))
    if size > limit:
        raise EOFError(f"request part of {size} bytes is over the limit")
    return read_exact(read, size)


def frames(mac: Any, seq: int, kind: bytes, payload: bytes) -> Iterator[bytes]:
    """The pieces of one record as written by the harness (header, payload, tag)."""
    yield RECORD_HEAD.pack(kind, len(payload))
    if payload:
        yield payload
    yield record_tag(mac, seq, kind, payload)
