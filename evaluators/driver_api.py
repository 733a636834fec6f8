"""Helpers for problem drivers: the public harness code that runs *inside* the sandbox.

A driver (``evaluators/drivers/<problem_id>.py``) turns one test case's payload (numpy arrays and
JSON from the trusted side) into calls on the candidate's module and returns raw outputs. Drivers
never judge anything and never see reference solutions: the trusted side compares. Anything a
driver raises as :class:`SubmissionError` is reported to the candidate as-is, so its message must
say what to fix ("`MultiHeadAttention` must be a class", "expected a tuple (output, weights)").

The convention (everything a driver computes runs next to the candidate's code, so it decides
nothing):

* ``op(ns, payload) -> dict`` of plain outputs (tensors, arrays, numbers, str, lists, dicts with
  str keys); the case's ``Case.op`` names it (default ``run``).
* **Time** is never measured here. A case with ``Case(budget=TimeBudget(label, floor_s,
  advice))`` is judged on the supervisor's CPU clock against the reference run through the same
  driver (:mod:`evaluators.budget`). Inputs that are expensive to build go in an optional
  ``prepare_<op>(payload) -> value``: it runs before the clock starts, without candidate code,
  and its value is passed as a third argument, ``op(ns, payload, value)``.
* **Memory** likewise: ``Case(memory=MemoryBudget(label, max_bytes, advice))`` is judged on the
  supervisor's readings of the process's resident memory (peak during the call minus just
  before it, after ``prepare_<op>``).
* **Memory and what ran** reach the check as ``outputs["__measured__"]`` (``cpu_ms``,
  ``wall_ms``, ``peak_rss_kb``, ``start_rss_kb`` — exact for budgeted cases) and
  ``outputs["__observed__"]`` (``ops``: aten operator counts, e.g. ``aten::convolution``;
  ``calls``; ``imports``). Use them instead of measuring or counting in the driver.
* **Derived facts are decided on the trusted side from raw data**: export logits, not a loss the
  model reports; let the check count executed operators, not modules the model claims; export
  a module's registered tensors (:func:`registered_tensors`), not the names it says are
  trainable. A step that must not be swappable (the loss that drives training) uses a reference
  captured at import (see ``drivers/simple_cnn.py``).
* Code a driver runs *after* candidate code must not depend on anything the candidate can
  rebind or subclass: library functions are captured at import (a module-level alias; driver
  modules are watched for rebinding), results are checked for their exact type, and tensors
  the candidate returned are read with the C-level helpers here (:func:`shape_of`,
  :func:`rows_of`), which no ``__torch_function__``, mode or patched ``torch.Tensor`` method
  can answer for.
* A driver never calls its problem's forbidden functions (they are observed in the same phases).
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np


class SubmissionError(Exception):
    """The submission does not have the shape the problem asks for."""


def require(ns: dict[str, Any], name: str, kind: str = "function") -> Any:
    """Fetch a top-level name the candidate must define (a ``function`` or a ``class``)."""
    if name not in ns:
        raise SubmissionError(f"your code does not define `{name}`")
    obj = ns[name]
    if kind == "class" and not inspect.isclass(obj):
        raise SubmissionError(f"`{name}` must be a class, got {type(obj).__name__}")
    if kind == "function" and (inspect.isclass(obj) or not callable(obj)):
        raise SubmissionError(f"`{name}` must be a function, got {type(obj).__name__}")
    return obj


def tensor(array: Any, dtype: Any = None) -> Any:
    """A fresh torch tensor copied from a payload array (never shared with the payload)."""
    import torch

    t = torch.from_numpy(np.array(array, copy=True))
    return t if dtype is None else t.to(dtype)


def unpack(result: Any, n: int, what: str) -> tuple[Any, ...]:
    """Check that ``result`` is a tuple/list of ``n`` items; say what came back otherwise."""
    if not isinstance(result, (tuple, list)):
        raise SubmissionError(f"{what} must return a tuple of {n} items, got {type(result).__name__}")
    if len(result) != n:
        raise SubmissionError(f"{what} must return a tuple of {n} items, got {len(result)}")
    return tuple(result)


# ---- reading what the candidate returned, without running its code -----------------------

_list, _dict_get, _type = list, dict.get, type
_dict_items: Any = dict.items


def _tensor_api() -> dict[str, Any]:
    import torch

    base = torch._C.TensorBase
    return {"Tensor": torch.Tensor, "Parameter": torch.nn.Parameter,
            "shape": vars(base)["shape"].__get__, "getitem": base.__getitem__,
            "no_function": torch._C.DisableTorchFunction,
            "no_dispatch": torch._C._DisableTorchDispatch, "as_tensor": torch.as_tensor,
            # the instance-dict getter of nn.Module: checks the real type, never __class__
            "module_dict": vars(torch.nn.Module)["__dict__"].__get__}


_T: dict[str, Any] = {}  # filled on first use (drivers of numpy problems never import torch)


def _api() -> dict[str, Any]:
    if not _T:
        _T.update(_tensor_api())
    return _T


def is_plain_tensor(value: Any) -> bool:
    """Exactly a ``torch.Tensor`` or ``nn.Parameter`` (no subclass can answer for itself)."""
    t = _api()
    kind = _type(value)
    return kind is t["Tensor"] or kind is t["Parameter"]


def shape_of(value: Any) -> list[int] | None:
    """The shape of a plain tensor as a list of ints (None for anything else)."""
    if not is_plain_tensor(value):
        return None
    return _list(_api()["shape"](value))


def rows_of(value: Any, prefix: tuple[int, ...], rows: Any) -> Any:
    """``value[(*prefix, rows)]`` of a plain tensor, indexed in C with torch-function and
    dispatch handling off; anything else is returned as is (the exporter describes it)."""
    t = _api()
    if not is_plain_tensor(value):
        return value
    with t["no_function"](), t["no_dispatch"]():
        return t["getitem"](value, (*prefix, t["as_tensor"](rows)))


def registered_tensors(module: Any, prefix: str = "", buffers: bool = True) -> dict[str, Any]:
    """Every parameter (and buffer) registered in ``module`` and its submodules, by dotted path,
    read from the registries ``nn.Module`` itself keeps (``_parameters``, ``_buffers``,
    ``_modules``) — never through the module's own attribute lookup or methods, which a
    submission can override to tell a different story."""
    found: dict[str, Any] = {}
    try:
        space = _api()["module_dict"](module)
    except TypeError:  # not an nn.Module at all
        return found
    for registry in ("_parameters", "_buffers") if buffers else ("_parameters",):
        entries = _dict_get(space, registry)
        if _type(entries) is dict:
            for name, value in _list(_dict_items(entries)):
                if _type(name) is str and value is not None:
                    found[prefix + name] = value
    children = _dict_get(space, "_modules")
    if _type(children) is dict and len(prefix) < 200:
        for name, child in _list(_dict_items(children)):
            if _type(name) is str and child is not None:
                found.update(registered_tensors(child, f"{prefix}{name}.", buffers))
    return found
