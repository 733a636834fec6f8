"""The byte format that crosses the sandbox boundary.

Only two things ever cross between the trusted side (the service) and a sandboxed submission:
JSON and plain numeric arrays in ``.npy`` format, loaded with ``allow_pickle=False``. Nothing is
pickled, so a submission cannot smuggle objects (with overridden ``__eq__``, say) back to the side
that compares results.

A *message* is any JSON-able value in which numpy arrays may appear anywhere. It is written as
frames, each an 8-byte little-endian length followed by that many bytes::

    frame 0: UTF-8 JSON, arrays replaced by {"__nd__": i}
    frame 1..n: the i-th array as .npy bytes

preceded by one 4-byte count of array frames. :func:`encode` and :func:`decode` are exact
inverses; :func:`decode` raises :class:`WireError` on anything malformed or over ``max_bytes``.
"""

from __future__ import annotations

import io
import json
import struct
from typing import Any, BinaryIO

import numpy as np

_LEN = struct.Struct("<Q")
_COUNT = struct.Struct("<I")
ARRAY_KEY = "__nd__"
MAX_ARRAYS = 4096


class WireError(ValueError):
    """A message that is malformed, too large, or holds a non-numeric array."""


def _strip_arrays(value: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise WireError("object arrays cannot cross the sandbox boundary")
        arrays.append(value)
        return {ARRAY_KEY: len(arrays) - 1}
    if isinstance(value, dict):
        return {str(k): _strip_arrays(v, arrays) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strip_arrays(v, arrays) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _restore_arrays(value: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(value, dict):
        if set(value) == {ARRAY_KEY}:
            index = value[ARRAY_KEY]
            if not isinstance(index, int) or not 0 <= index < len(arrays):
                raise WireError(f"array reference {index!r} out of range")
            return arrays[index]
        return {k: _restore_arrays(v, arrays) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore_arrays(v, arrays) for v in value]
    return value


def encode(message: Any) -> bytes:
    """Serialize a message (JSON values and numpy arrays) to bytes."""
    arrays: list[np.ndarray] = []
    skeleton = _strip_arrays(message, arrays)
    header = json.dumps(skeleton, allow_nan=True, separators=(",", ":")).encode("utf-8")
    parts = [_COUNT.pack(len(arrays)), _LEN.pack(len(header)), header]
    for array in arrays:
        buffer = io.BytesIO()
        # (np.ascontiguousarray turns a 0-d array into shape (1,): keep the shape exactly)
        np.save(buffer, np.ascontiguousarray(array).reshape(array.shape), allow_pickle=False)
        data = buffer.getvalue()
        parts += [_LEN.pack(len(data)), data]
    return b"".join(parts)


def _read_exact(stream: BinaryIO, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise WireError(f"message truncated: wanted {size} bytes, got {len(data)}")
        data += chunk
    return bytes(data)


def read_message(stream: BinaryIO, max_bytes: int = 1 << 30) -> Any:
    """Read exactly one message from a binary stream."""
    (count,) = _COUNT.unpack(_read_exact(stream, _COUNT.size))
    if count > MAX_ARRAYS:
        raise WireError(f"too many arrays in one message ({count})")
    budget = max_bytes
    frames = []
    for _ in range(count + 1):
        (size,) = _LEN.unpack(_read_exact(stream, _LEN.size))
        budget -= size
        if budget < 0:
            raise WireError(f"message larger than the {max_bytes}-byte limit")
        frames.append(_read_exact(stream, size))
    try:
        skeleton = json.loads(frames[0].decode("utf-8"))
        arrays = [np.load(io.BytesIO(f), allow_pickle=False) for f in frames[1:]]
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"malformed message: {exc}") from exc
    return _restore_arrays(skeleton, arrays)


def decode(data: bytes, max_bytes: int = 1 << 30) -> Any:
    """Inverse of :func:`encode`; rejects trailing bytes."""
    stream = io.BytesIO(data)
    message = read_message(stream, max_bytes)
    if stream.read(1):
        raise WireError("trailing bytes after message")
    return message


def decode_stream(data: bytes, max_bytes: int = 1 << 30) -> tuple[list[Any], bool]:
    """Decode consecutive messages; returns them and whether the tail was cut short."""
    stream = io.BytesIO(data)
    messages = []
    while stream.tell() < len(data):
        try:
            messages.append(read_message(stream, max_bytes))
        except WireError:
            return messages, True
    return messages, False
