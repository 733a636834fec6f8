"""Helpers for problem drivers: the public harness code that runs *inside* the sandbox.

A driver (``evaluators/drivers/<problem_id>.py``) turns one test case's payload (numpy arrays and
JSON from the trusted side) into calls on the candidate's module and returns raw outputs. Drivers
never judge anything and never see reference solutions: the trusted side compares. Anything a
driver raises as :class:`SubmissionError` is reported to the candidate as-is, so its message must
say what to fix ("`MultiHeadAttention` must be a class", "expected a tuple (output, weights)").
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
