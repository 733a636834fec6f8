"""Driver for `batch_norm` (runs inside the sandbox): several forward calls on one instance."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import SubmissionError, require


def _attribute(module: Any, name: str) -> np.ndarray:
    """A snapshot (copy) of a numpy attribute the statement requires."""
    if not hasattr(module, name):
        raise SubmissionError(f"`BatchNorm1d` must have an attribute `{name}` (a numpy array)")
    try:
        return np.array(getattr(module, name), dtype=np.float64, copy=True)
    except (TypeError, ValueError):
        raise SubmissionError(f"`BatchNorm1d.{name}` must be a numeric numpy array, got "
                              f"{type(getattr(module, name)).__name__}") from None


def _assign(module: Any, name: str, value: np.ndarray) -> None:
    current = _attribute(module, name)
    if current.size != value.size:
        raise SubmissionError(f"`BatchNorm1d.{name}` has {current.size} values, expected "
                              f"{value.size} (one per feature)")
    setattr(module, name, np.array(value, dtype=np.float64).reshape(current.shape))


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    module = require(ns, "BatchNorm1d", "class")(*payload["args"])
    initial = {"initial_mean": _attribute(module, "running_mean"),
               "initial_var": _attribute(module, "running_var")}
    for name in ("gamma", "beta"):
        if payload.get(name) is not None:
            _assign(module, name, payload[name])
    outputs, means, variances = [], [], []
    for step in payload["steps"]:
        x = np.array(step["x"], copy=True)
        training = step["training"]
        outputs.append(module.forward(x) if training is None else module.forward(x, training))
        means.append(_attribute(module, "running_mean"))
        variances.append(_attribute(module, "running_var"))
    return {**initial, "outputs": outputs, "running_mean": means, "running_var": variances}
