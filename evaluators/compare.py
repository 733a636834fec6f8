"""Trusted-side helpers that turn raw sandbox outputs into pass/fail with actionable messages.

Outputs arrive as exported values (see :func:`evaluators.export.export_value`): dicts with a
``type`` (``tensor``, ``ndarray``, ``float``, ``list`` …) and the data; a list or tuple of plain
ints or floats arrives as one array (``{"type": "list", "of": "int", "array": ...}``), which
:func:`items` and :func:`to_python` expand when a check needs the elements. These helpers unwrap them,
check the Python type the problem asks for, and compare numerically, raising
:class:`~evaluators.problem.CaseFailure` with *what was expected, what came back and where*.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.problem import CaseFailure, Outputs

F32_TOL = (1e-4, 1e-5)
F64_TOL = (1e-6, 1e-8)
_TYPE_NAMES = {"tensor": "a torch.Tensor", "ndarray": "a numpy.ndarray"}


def _describe(value: dict[str, Any]) -> str:
    kind = value.get("type", "?")
    if kind in ("tensor", "ndarray"):
        return f"{kind} of shape {tuple(value['array'].shape)} and dtype {value.get('dtype')}"
    if kind in ("list", "tuple", "sequence"):
        count = np.asarray(value["array"]).size if "array" in value else \
            len(value.get("items", []))
        return f"{kind} of {count} items"
    if kind == "other":
        return f"an object of type {value.get('repr')}"
    return f"{kind} {value.get('value')!r}"


def get(outputs: Outputs, key: str) -> dict[str, Any]:
    if key not in outputs:
        raise CaseFailure(f"internal: the driver returned no `{key}`")
    return outputs[key]


def as_array(outputs: Outputs, key: str, expect: str = "any", label: str | None = None) -> np.ndarray:
    """The array behind output ``key``; ``expect`` is ``tensor``, ``ndarray`` or ``any``."""
    value = get(outputs, key)
    label = label or key
    kind = value.get("type")
    if expect in ("tensor", "ndarray") and kind != expect:
        raise CaseFailure(f"{label} should be {_TYPE_NAMES[expect]}, got {_describe(value)}")
    if kind in ("tensor", "ndarray"):
        return np.asarray(value["array"])
    plain = to_python(value)
    try:
        array = np.asarray(plain, dtype=np.float64)
    except (TypeError, ValueError):
        raise CaseFailure(f"{label} should be an array, got {_describe(value)}") from None
    return array


def to_python(value: dict[str, Any]) -> Any:
    """Rebuild plain Python data (lists, dicts, scalars; arrays become lists)."""
    kind = value.get("type")
    if kind in ("tensor", "ndarray"):
        return np.asarray(value["array"]).tolist()
    if kind in ("list", "tuple", "sequence"):
        if "array" in value:
            return np.asarray(value["array"]).tolist()
        return [to_python(v) for v in value["items"]]
    if kind == "dict":
        return {_key(to_python(k)): to_python(v) for k, v in value["items"]}
    if kind == "other":
        return _Opaque(value.get("repr", "?"))
    return value.get("value")


def items(value: dict[str, Any]) -> list[dict[str, Any]]:
    """The exported elements of a list/tuple value (expanding the compact form)."""
    if "array" in value:
        kind = value.get("of", "float")
        return [{"type": kind, "value": v} for v in np.asarray(value["array"]).tolist()]
    return list(value.get("items", []))


def _key(k: Any) -> Any:
    return tuple(k) if isinstance(k, list) else k


class _Opaque:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


def as_float(outputs: Outputs, key: str, label: str | None = None) -> float:
    """A scalar output: Python number, numpy scalar, or a one-element tensor/array."""
    value = get(outputs, key)
    label = label or key
    if value.get("type") in ("tensor", "ndarray"):
        array = np.asarray(value["array"])
        if array.size != 1:
            raise CaseFailure(f"{label} should be a scalar, got {_describe(value)}")
        return float(array.reshape(()))
    if value.get("type") in ("float", "int", "numpy-scalar", "bool"):
        return float(value["value"])
    raise CaseFailure(f"{label} should be a number, got {_describe(value)}")


def as_int_list(outputs: Outputs, key: str, label: str | None = None) -> list[int]:
    value = get(outputs, key)
    label = label or key
    plain = to_python(value)
    if isinstance(plain, (int, float)) and value.get("type") in ("tensor", "ndarray"):
        plain = [plain]
    if not isinstance(plain, list) or not all(
            isinstance(v, (int, float)) and float(v).is_integer() for v in plain):
        raise CaseFailure(f"{label} should be a list of ints, got {_describe(value)}")
    return [int(v) for v in plain]


def _fmt_index(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


def assert_close(label: str, got: np.ndarray, expected: np.ndarray,
                 tol: tuple[float, float] = F32_TOL) -> None:
    """Shape, finiteness and ``allclose``; the message names the first bad element."""
    if np.shape(got) != np.shape(expected):  # before converting: a huge wrong output is cheap
        raise CaseFailure(f"{label}: expected shape {tuple(np.shape(expected))}, "
                          f"got {tuple(np.shape(got))}")
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    rtol, atol = tol
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=False)
    if not bad.any():
        return
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    where = _fmt_index(first) if got.ndim else ""
    count = int(bad.sum())
    if not np.isfinite(got).all():
        detail = "non-finite values"
    else:
        detail = f"max abs error {float(np.max(np.abs(got - expected))):.3g}"
    raise CaseFailure(
        f"{label}{where}: expected {expected[first]:.6g}, got {got[first]:.6g} "
        f"({count} of {got.size} elements differ; {detail}; shape {tuple(got.shape)})")


def assert_dtype(label: str, outputs: Outputs, key: str, allowed: tuple[str, ...]) -> None:
    dtype = get(outputs, key).get("dtype")
    if dtype not in allowed:
        raise CaseFailure(f"{label}: expected dtype {' or '.join(allowed)}, got {dtype}")
