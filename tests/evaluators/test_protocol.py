"""The supervisor's record protocol: only what the harness wrote, in order, is accepted."""

from __future__ import annotations

import pytest

from evaluators.sandbox import protocol
from evaluators.sandbox.protocol import (
    BEGIN,
    CASE,
    DONE,
    LOADED,
    WAIT,
    OutputLimit,
    ProtocolViolation,
    RunProtocol,
)


def _run(cases: int = 2, strict: list[bool] | None = None) -> RunProtocol:
    parts = [memoryview(b"load")] + [memoryview(f"case{i}".encode()) for i in range(cases)]
    return RunProtocol(parts, 1 << 20, [False, *(strict or [False] * cases)])


def _record(run: RunProtocol, seq: int, kind: bytes, payload: bytes = b"",
            key: bytes | None = None) -> bytes:
    mac = protocol.keyed(key or run.key)
    return b"".join(protocol.frames(mac, seq, kind, payload))


def _feed(run: RunProtocol, data: bytes) -> list[bytes]:
    ended: list[bytes] = []
    run.feed(data, lambda r: None, lambda r, c: None, lambda r: ended.append(r.kind))
    return ended


def test_the_harness_grammar_is_accepted_even_one_byte_at_a_time() -> None:
    run = _run()
    run.opening()
    stream = _record(run, 0, LOADED, b"l")
    ended = [k for byte in stream for k in _feed(run, bytes([byte]))]
    assert ended == [LOADED]
    pieces, strict = run.next_parts()
    assert len(pieces) == 4 and not strict  # both ordinary cases go at once
    stream = _record(run, 1, CASE, b"a") + _record(run, 2, BEGIN, WAIT) + \
        _record(run, 3, CASE, b"b")
    assert _feed(run, stream) == [CASE, BEGIN, CASE]
    assert _feed(run, _record(run, 4, DONE, b"{}")) == [DONE] and run.finished


def test_the_closing_part_follows_the_last_answer_once() -> None:
    run = _run(2)
    run.opening()
    _feed(run, _record(run, 0, LOADED))
    assert len(run.next_parts()[0]) == 4  # both cases, no closing part yet
    _feed(run, _record(run, 1, CASE, b"a"))
    assert run.next_parts() == ([], False)  # one case still running
    _feed(run, _record(run, 2, CASE, b"b"))
    pieces, _ = run.next_parts()  # the child may finish now: its last case was measured
    assert [bytes(p) for p in pieces] == [protocol.PART_LEN.pack(0)]
    assert run.next_parts() == ([], False)


@pytest.mark.parametrize("forge", ["wrong key", "replayed seq", "out of order", "early done"])
def test_anything_else_is_a_violation(forge: str) -> None:
    run = _run()
    run.opening()
    if forge == "wrong key":
        data = _record(run, 0, LOADED, b"l", key=bytes(32))
    elif forge == "replayed seq":
        _feed(run, _record(run, 0, LOADED, b"l"))
        run.next_parts()
        data = _record(run, 0, CASE, b"x")
    elif forge == "out of order":
        data = _record(run, 0, CASE, b"x")
    else:
        _feed(run, _record(run, 0, LOADED, b"l"))
        run.next_parts()
        data = _record(run, 1, DONE)
    with pytest.raises(ProtocolViolation):
        _feed(run, data)


def test_a_strict_case_is_sent_alone_after_the_others_are_answered() -> None:
    run = _run(3, strict=[False, True, False])
    run.opening()
    _feed(run, _record(run, 0, LOADED))
    pieces, strict = run.next_parts()
    assert len(pieces) == 2 and not strict  # case 0 only: case 1 is strict
    assert run.next_parts() == ([], False)
    _feed(run, _record(run, 1, CASE, b"a"))
    pieces, strict = run.next_parts()
    assert len(pieces) == 2 and strict  # case 1, alone
    assert run.next_parts() == ([], False)  # nothing while it runs
    _feed(run, _record(run, 2, CASE, b"b"))
    assert len(run.next_parts()[0]) == 2


def test_results_over_the_cap_stop_the_run() -> None:
    run = RunProtocol([memoryview(b"load")], 10)
    run.opening()
    with pytest.raises(OutputLimit):
        _feed(run, _record(run, 0, LOADED, b"x" * 11))


def test_parts_keep_their_strict_flag() -> None:
    body = protocol.pack_parts([b"a", b"bb", b""], [False, True, False])
    parts, strict = protocol.split_parts(memoryview(body))
    assert [bytes(p) for p in parts] == [b"a", b"bb", b""] and strict == [False, True, False]
