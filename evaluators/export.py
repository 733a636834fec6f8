"""Turning what a driver returned into plain data, without ever running the candidate's code.

Runs inside the sandbox, in a *trusted phase* of the harness (after the integrity check, with the
garbage collector off), so it must not call anything the candidate defined or could have
replaced. Hence:

* types are tested with ``type(x) is T`` against classes captured before any candidate code ran,
  never with ``isinstance`` (a metaclass could answer) and never through a subclass's methods:
  a ``list`` subclass, a ``torch.Tensor`` subclass or an ``np.ndarray`` subclass is reported as
  ``other`` with its type name (read through ``type.__dict__['__name__']``, not a metaclass);
* tensors are read with the methods of the C base class ``torch._C.TensorBase`` (captured), with
  torch-function and torch-dispatch handling disabled, so no ``__torch_function__``, mode or
  ``__torch_dispatch__`` of the candidate's can run;
* lists and tuples of plain ints or floats travel as one array (``{"type": "list", "of": "int",
  "array": ...}``) instead of one JSON object per element, so a large list costs its bytes, not
  a Python object per element, on the trusted side.

:func:`encode` and :func:`decode` are the sandboxed side's codec for :mod:`evaluators.wire`
messages, built from C-level pieces captured in advance (``_json``'s encoder and scanner,
``np.frombuffer``, ``struct`` objects), for the same reason.

The shape is that of :func:`evaluators.compare.to_python`'s input: ``{"type", ...}`` with
``tensor``/``ndarray`` (``dtype``, ``array``), ``numpy-scalar``, ``int``/``float``/``bool``/
``str``/``none`` (``value``), ``list``/``tuple``/``sequence`` (``items`` or ``of`` + ``array``),
``dict`` (``items`` of key/value pairs) and ``other`` (``repr``: the type name only).
"""

from __future__ import annotations

from typing import Any

import numpy as np

MAX_DEPTH = 6
MAX_ITEMS = 100_000
MAX_STR = 100_000
INT64 = 2**63 - 1


def _getter(cls: type, name: str) -> Any:
    """The C-level getter of attribute ``name`` of ``cls`` (no subclass can override it)."""
    return vars(cls)[name].__get__


def capture() -> dict[str, Any]:
    """The references the exporter uses, taken before any candidate code runs."""
    import json.decoder
    import json.encoder
    import json.scanner

    import torch

    from evaluators import wire

    base = torch._C.TensorBase
    scalar_types = {id(t) for t in np.sctypeDict.values() if isinstance(t, type)}
    return {"Tensor": torch.Tensor, "Parameter": torch.nn.Parameter, "ndarray": np.ndarray,
            "np_array": np.array, "np_int64": np.int64, "np_float64": np.float64,
            "scalar_types": frozenset(scalar_types), "type_name": type.__dict__["__name__"].__get__,
            "detach": base.detach, "cpu": base.cpu, "numpy": base.numpy, "to": base.to,
            "resolve_conj": base.resolve_conj, "resolve_neg": base.resolve_neg,
            "contiguous": base.contiguous, "dtype": _getter(base, "dtype"),
            "requires_grad": _getter(base, "requires_grad"),
            "is_sparse": _getter(base, "is_sparse"), "layout": _getter(base, "layout"), "strided": torch.strided, "float32": torch.float32,
            "half_types": (torch.bfloat16, torch.float16),
            "no_torch_function": torch._C.DisableTorchFunction,
            "no_torch_dispatch": torch._C._DisableTorchDispatch,
            "dtype_has_object": np.dtype.hasobject.__get__, "array_dtype": np.ndarray.dtype.__get__,
            "dtype_kind": np.dtype.kind.__get__, "dtype_fields": np.dtype.fields.__get__,
            "scan": json.scanner.c_make_scanner(json.decoder.JSONDecoder()),  # type: ignore[attr-defined]
            "dumps": json.encoder.c_make_encoder(  # type: ignore[attr-defined]
                None, None, json.encoder.c_encode_basestring_ascii,  # type: ignore[attr-defined]
                None, ":", ",", False, False, True),
            "frombuffer": np.frombuffer, "np_dtype": np.dtype, "contiguous_array":
            np.ascontiguousarray, "uint8": np.uint8, "empty": np.empty, "LEN": wire.LEN,
            "COUNT": wire.COUNT, "ARRAY_KEY": wire.ARRAY_KEY, "allowed_kinds": wire.ALLOWED_KINDS,
            "MAX_ARRAYS": wire.MAX_ARRAYS, "MAX_JSON": wire.MAX_JSON}


def _tensor(value: Any, c: dict[str, Any]) -> dict[str, Any]:
    with c["no_torch_function"](), c["no_torch_dispatch"]():
        if c["is_sparse"](value) or c["layout"](value) is not c["strided"]:
            return {"type": "other", "repr": "a sparse or non-strided torch.Tensor"}
        t = c["detach"](value)
        t = c["resolve_neg"](c["resolve_conj"](c["cpu"](t)))
        dtype = c["dtype"](t)
        if dtype in c["half_types"]:
            t = c["to"](t, c["float32"])
            dtype = c["dtype"](t)
        array = c["np_array"](c["numpy"](c["contiguous"](t)), copy=True)
    return {"type": "tensor", "dtype": str(dtype).replace("torch.", ""),
            "requires_grad": bool(c["requires_grad"](value)),
            "parameter": type(value) is c["Parameter"], "array": array}


def _number_list(items: list[Any] | tuple[Any, ...], kind: str, c: dict[str, Any]
                 ) -> dict[str, Any] | None:
    """A list/tuple of plain ints (int64 range) or plain floats as one array, else None."""
    if not items:
        return None
    first = type(items[0])
    if first is int:
        if any(type(v) is not int or not -INT64 <= v <= INT64 for v in items):
            return None
        return {"type": kind, "of": "int", "array": c["np_array"](items, dtype=c["np_int64"])}
    if first is float and all(type(v) is float for v in items):
        return {"type": kind, "of": "float", "array": c["np_array"](items, dtype=c["np_float64"])}
    return None


def export_value(value: Any, c: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """Plain data for one value (see the module doc); ``c`` is :func:`capture`'s result."""
    kind = type(value)
    if depth > MAX_DEPTH:
        return {"type": "other", "repr": "nested too deeply"}
    if kind is c["Tensor"] or kind is c["Parameter"]:
        return _tensor(value, c)
    if kind is c["ndarray"]:
        dtype = c["array_dtype"](value)
        if c["dtype_kind"](dtype) not in c["allowed_kinds"] or c["dtype_fields"](dtype) is not None:
            return {"type": "other", "repr": f"numpy array of dtype {dtype}"}
        return {"type": "ndarray", "dtype": str(c["array_dtype"](value)),
                "array": c["np_array"](value, copy=True)}
    if id(kind) in c["scalar_types"]:  # ids: hashing a type could call a metaclass
        return {"type": "numpy-scalar", "dtype": str(c["array_dtype"](c["np_array"](value))),
                "value": value.item()}
    if value is None or kind is bool or kind is float:
        return {"type": "none" if value is None else kind.__name__, "value": value}
    if kind is int:
        return {"type": "int", "value": value if -INT64 <= value <= INT64 else float(value)}
    if kind is str:
        return {"type": "str", "value": value[:MAX_STR]}
    if kind is list or kind is tuple:
        items = value[:MAX_ITEMS]
        compact = _number_list(items, kind.__name__, c)
        if compact is not None:
            return compact
        return {"type": kind.__name__, "items": [export_value(v, c, depth + 1) for v in items]}
    if kind is dict:
        pairs = list(dict.items(value))[:MAX_ITEMS]
        return {"type": "dict", "items": [[export_value(k, c, depth + 1),
                                          export_value(v, c, depth + 1)] for k, v in pairs]}
    return {"type": "other", "repr": str(c["type_name"](kind))[:100]}


def export_outputs(outputs: Any, c: dict[str, Any]) -> dict[str, Any]:
    """A driver's result dict, exported; anything else is the driver's bug (it returns dicts)."""
    if type(outputs) is not dict:
        raise TypeError(f"internal: the driver returned {c['type_name'](type(outputs))}, "
                        "not a dict")
    return {str(k): export_value(v, c) for k, v in dict.items(outputs) if type(k) is str}


# ---- the sandboxed side's codec (see evaluators.wire for the format) ------------------------

def _strip(value: Any, arrays: list[Any], c: dict[str, Any]) -> Any:
    kind = type(value)
    if kind is c["ndarray"]:
        arrays.append(value)
        return {c["ARRAY_KEY"]: len(arrays) - 1, "dtype": c["array_dtype"](value).str,
                "shape": list(value.shape)}
    if kind is dict:
        return {k: _strip(v, arrays, c) for k, v in dict.items(value)}
    if kind is list:
        return [_strip(v, arrays, c) for v in value]
    return value


class TooLarge(ValueError):
    """An exported value over the wire's limits (see :data:`evaluators.wire.MAX_JSON`)."""


def encode(message: Any, c: dict[str, Any]) -> bytes:
    """:func:`evaluators.wire.encode` for plain exported data, from captured functions only.

    Raises :class:`TooLarge` when the trusted side would refuse the message (more arrays or
    more JSON than it reads), so the harness can report that instead.
    """
    arrays: list[Any] = []
    skeleton = _strip(message, arrays, c)
    header = "".join(c["dumps"](skeleton, 0)).encode("utf-8")
    if len(arrays) > c["MAX_ARRAYS"] or len(header) > c["MAX_JSON"]:
        raise TooLarge(f"{len(arrays)} arrays and {len(header)} bytes of structure (at most "
                       f"{c['MAX_ARRAYS']} and {c['MAX_JSON']})")
    parts: list[Any] = [c["COUNT"].pack(len(arrays)), c["LEN"].pack(len(header)), header]
    for array in arrays:
        data = c["contiguous_array"](array).reshape(-1).view(c["uint8"])
        parts += [c["LEN"].pack(data.size), memoryview(data)]
    return b"".join(parts)


def _restore(value: Any, frames: list[tuple[int, int]], buffer: Any, c: dict[str, Any]) -> Any:
    if type(value) is dict:
        if c["ARRAY_KEY"] in value:
            start, size = frames[value[c["ARRAY_KEY"]]]
            dtype, shape = c["np_dtype"](value["dtype"]), value["shape"]
            if size == 0:
                return c["empty"](shape, dtype=dtype)
            return c["frombuffer"](buffer, dtype=dtype, count=size // dtype.itemsize,
                                   offset=start).reshape(shape)
        return {k: _restore(v, frames, buffer, c) for k, v in value.items()}
    if type(value) is list:
        return [_restore(v, frames, buffer, c) for v in value]
    return value


def decode(data: bytes, c: dict[str, Any]) -> Any:
    """A request part from the trusted side, decoded with captured functions only.

    Arrays are writable views into one private copy of ``data``.
    """
    buffer = bytearray(data)
    (count,) = c["COUNT"].unpack_from(buffer, 0)
    (size,) = c["LEN"].unpack_from(buffer, 4)
    at = 4 + 8
    skeleton, _ = c["scan"](bytes(buffer[at:at + size]).decode("utf-8"), 0)
    at += size
    frames = []
    for _ in range(count):
        (length,) = c["LEN"].unpack_from(buffer, at)
        frames.append((at + 8, length))
        at += 8 + length
    return _restore(skeleton, frames, buffer, c)
