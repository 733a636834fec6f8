"""Reading what a sandboxed process wrote: bounded, zero-copy, never raising anything else."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from evaluators import export, wire
from evaluators.sandbox.seal import _capture


def _raw(skeleton: object, frames: list[bytes] = ()) -> bytes:  # type: ignore[assignment]
    header = json.dumps(skeleton).encode()
    parts = [struct.pack("<I", len(frames)), struct.pack("<Q", len(header)), header]
    for frame in frames:
        parts += [struct.pack("<Q", len(frame)), frame]
    return b"".join(parts)


def test_round_trip_and_arrays_are_views_of_the_buffer() -> None:
    message = {"a": np.arange(6.0).reshape(2, 3), "b": [1, "x", None, np.zeros(0, np.int8)]}
    buffer = bytearray(wire.encode(message))
    decoded = wire.decode(buffer)
    assert np.array_equal(decoded["a"], message["a"]) and decoded["b"][:3] == [1, "x", None]
    assert np.shares_memory(decoded["a"], np.frombuffer(buffer, np.uint8))


@pytest.mark.parametrize("raw", [
    _raw({"x": 1}) + b"extra",
    _raw([[]] * 10, []) [:-3],
    _raw({"x": {"__nd__": 0, "dtype": "|O", "shape": [1]}}, [b"12345678"]),
    _raw({"x": {"__nd__": 0, "dtype": "<f8", "shape": [2]}}, [b"12345678"]),
    _raw({"x": {"__nd__": 3, "dtype": "<f8", "shape": [1]}}, [b"12345678"]),
    _raw({"x": {"__nd__": 0, "dtype": "no such dtype", "shape": [1]}}, [b"1"]),
    struct.pack("<I", 0) + struct.pack("<Q", wire.MAX_JSON + 1) + b"{}",
    _raw(json.loads("[" * 70 + "]" * 70)),
])
def test_malformed_or_oversized_messages_are_wire_errors(raw: bytes) -> None:
    with pytest.raises(wire.WireError):
        wire.decode(raw)


def test_lone_surrogates_become_replacement_characters() -> None:
    decoded = wire.decode(_raw({"t": "a\ud800b", "\udfff": ["\ud83d\ude00"]}))
    assert decoded == {"t": "a\ufffdb", "\ufffd": ["\U0001f600"]}
    json.dumps(decoded, ensure_ascii=False).encode("utf-8")


def test_the_sandbox_side_codec_speaks_the_same_format() -> None:
    captured = _capture().export
    event = export.export_outputs({"w": np.ones((2, 2), np.float32), "n": [1, 2], "f": [0.5],
                                   "s": "x"}, captured)
    decoded = wire.decode(export.encode(event, captured))
    assert decoded["w"]["type"] == "ndarray" and decoded["n"]["of"] == "int"
    request = wire.encode({"payload": {"x": np.arange(3.0)}})
    assert np.array_equal(export.decode(request, captured)["payload"]["x"], np.arange(3.0))


def test_export_reports_subclasses_and_objects_by_type_only() -> None:
    import torch

    captured = _capture().export

    class Sneaky(list):
        def __iter__(self):  # never called by the exporter
            raise AssertionError("candidate code ran")

    class Liar(torch.Tensor):
        pass

    out = export.export_outputs({"a": Sneaky([1]), "b": torch.zeros(2).as_subclass(Liar),
                                 "c": object(), "d": [True, 1]}, captured)
    assert out["a"] == {"type": "other", "repr": "Sneaky"}
    assert out["b"] == {"type": "other", "repr": "Liar"}
    assert out["c"]["type"] == "other" and out["d"]["type"] == "list" and "items" in out["d"]
