"""The byte format of one message crossing the sandbox boundary: JSON plus raw arrays.

Only two things ever cross between the trusted side and a sandboxed submission: JSON, and plain
numeric arrays as raw bytes. Nothing is pickled, so a submission cannot smuggle objects (with an
overridden ``__eq__``, say) to the side that compares results. A message is any JSON-able value
in which numpy arrays may appear anywhere::

    u32 count of arrays
    u64 length + UTF-8 JSON, each array replaced by {"__nd__": i, "dtype": "<f8", "shape": [..]}
    count x (u64 length + the array's bytes in C order)

:func:`encode` and :func:`decode` are exact inverses (the sandboxed side has its own encoder and
decoder built only from C-level functions, :mod:`evaluators.export`, producing the same bytes).
:func:`decode` reads what an untrusted process wrote, so it is bounded in size *and* in what it
costs to read: the JSON part is capped (:data:`MAX_JSON`: nested lists cannot expand a few MB of
text into GBs of Python objects) and nesting is limited; arrays are *views* into the buffer they
arrived in (no copy) and must be plain numeric/bool/string dtypes whose byte count matches their
shape; lone surrogates in strings (``"\\ud800"``) become U+FFFD so nothing downstream fails to
encode them. Anything else raises :class:`WireError`.
"""

from __future__ import annotations

import json
import struct
from typing import Any

import numpy as np

LEN = struct.Struct("<Q")
COUNT = struct.Struct("<I")
ARRAY_KEY = "__nd__"
MAX_ARRAYS = 4096
MAX_JSON = 1 << 20
MAX_DEPTH = 64
ALLOWED_KINDS = frozenset("biufcUSMm")


class WireError(ValueError):
    """A message that is malformed, too large, or holds a non-numeric array."""


# ---- encoding -------------------------------------------------------------------------------

def _strip_arrays(value: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in ALLOWED_KINDS or value.dtype.fields is not None:
            raise WireError(f"arrays of dtype {value.dtype} cannot cross the sandbox boundary")
        arrays.append(value)
        return {ARRAY_KEY: len(arrays) - 1, "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, dict):
        return {str(k): _strip_arrays(v, arrays) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strip_arrays(v, arrays) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def encode(message: Any) -> bytes:
    """Serialize a message (JSON values and numpy arrays) to bytes."""
    arrays: list[np.ndarray] = []
    skeleton = _strip_arrays(message, arrays)
    header = json.dumps(skeleton, allow_nan=True, separators=(",", ":")).encode("utf-8")
    parts: list[bytes | memoryview] = [COUNT.pack(len(arrays)), LEN.pack(len(header)), header]
    for array in arrays:
        data = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
        parts += [LEN.pack(data.size), memoryview(data)]  # type: ignore[arg-type]
    return b"".join(parts)


# ---- decoding (what an untrusted process wrote) ----------------------------------------------

def _depth_ok(value: Any) -> bool:
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (which no UTF-8 encoder accepts) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def _clean_strings(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(k): _clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    return value


def _array(reference: dict[str, Any], frames: list[tuple[int, int]], buffer: Any) -> np.ndarray:
    index, descr, shape = reference[ARRAY_KEY], reference.get("dtype"), reference.get("shape")
    if type(index) is not int or not 0 <= index < len(frames):
        raise WireError(f"array reference {index!r} out of range")
    if type(descr) is not str or type(shape) is not list or len(shape) > 32 \
            or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("malformed array description")
    try:
        dtype = np.dtype(descr)
    except Exception:  # TypeError, ValueError, SyntaxError…: the string is the child's
        raise WireError(f"unknown dtype {descr[:40]!r}") from None
    if dtype.kind not in ALLOWED_KINDS or dtype.fields is not None or dtype.hasobject:
        raise WireError(f"arrays of dtype {dtype} are not accepted")
    start, size = frames[index]
    count = 1
    for n in shape:
        count *= n
    if count * dtype.itemsize != size:
        raise WireError(f"array data of {size} bytes does not match {descr} {shape}")
    if count == 0:
        return np.empty(shape, dtype=dtype)
    return np.frombuffer(buffer, dtype=dtype, count=count, offset=start).reshape(shape)


def _restore(value: Any, frames: list[tuple[int, int]], buffer: Any) -> Any:
    if isinstance(value, dict):
        if ARRAY_KEY in value:
            return _array(value, frames, buffer)
        return {k: _restore(v, frames, buffer) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v, frames, buffer) for v in value]
    return value


def _field(buffer: Any, at: int, end: int, fmt: struct.Struct) -> tuple[int, int]:
    if at + fmt.size > end:
        raise WireError("message truncated")
    return fmt.unpack_from(buffer, at)[0], at + fmt.size


def decode_at(buffer: Any, start: int = 0, end: int | None = None,
              max_json: int = MAX_JSON) -> tuple[Any, int]:
    """Decode the message at ``buffer[start:end]``; returns it and the offset just past it.

    ``buffer`` is anything supporting the buffer protocol; returned arrays are views into it.
    """
    end = len(buffer) if end is None else end
    count, at = _field(buffer, start, end, COUNT)
    if count > MAX_ARRAYS:
        raise WireError(f"too many arrays in one message ({count})")
    size, at = _field(buffer, at, end, LEN)
    if size > max_json or at + size > end:
        raise WireError(f"JSON part of {size} bytes is over the {max_json}-byte limit "
                        "or truncated")
    raw = bytes(buffer[at:at + size])
    at += size
    try:
        skeleton = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise WireError(f"malformed message: {type(exc).__name__}") from None
    if not _depth_ok(skeleton):
        raise WireError(f"message nested deeper than {MAX_DEPTH} levels")
    if b"\\ud" in raw.lower():
        skeleton = _clean_strings(skeleton)
    frames = []
    for _ in range(count):
        size, at = _field(buffer, at, end, LEN)
        if at + size > end:
            raise WireError("array truncated")
        frames.append((at, size))
        at += size
    try:
        return _restore(skeleton, frames, buffer), at
    except (ValueError, TypeError) as exc:
        if isinstance(exc, WireError):
            raise
        raise WireError(f"malformed array: {exc}") from None


def decode(data: Any, max_json: int = MAX_JSON) -> Any:
    """Inverse of :func:`encode`; rejects trailing bytes."""
    message, at = decode_at(data, 0, None, max_json)
    if at != len(data):
        raise WireError("trailing bytes after message")
    return message
