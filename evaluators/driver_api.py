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
  and its value is passed as a third argument, ``op(ns, payload, value)``. ``timed()`` still
  exists for old drivers, and an ``elapsed`` output is overwritten with the measured time.
* **Memory and what ran** reach the check as ``outputs["__measured__"]`` (``cpu_ms``,
  ``wall_ms``, ``peak_rss_kb`` — exact for budgeted cases) and ``outputs["__observed__"]``
  (``ops``: aten operator counts, e.g. ``aten::convolution``; ``calls``; ``imports``). Use them
  instead of measuring or counting in the driver.
* **Derived facts are decided on the trusted side from raw data**: export logits, not a loss the
  model reports; let the check count executed operators, not modules the model claims. A step
  that must not be swappable (the loss that drives training) uses a reference captured at import
  (see ``drivers/simple_cnn.py``).
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
