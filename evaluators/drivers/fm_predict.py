"""Driver for `fm_predict` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.common_numeric import fm_inputs
from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "fm_predict")
    args = [np.array(payload[k], copy=True) for k in ("X", "w", "V")]
    return {"y": fn(args[0], float(payload["w0"]), args[1], args[2])}


def prepare_timed_run(payload: dict[str, Any]) -> tuple[Any, ...]:
    """The time-budget case's inputs, generated from the seed before the clock starts."""
    return fm_inputs(payload["seed"], payload["rows"], payload["n"], payload["k"])


def timed_run(ns: dict[str, Any], payload: dict[str, Any],
              inputs: tuple[Any, ...]) -> dict[str, Any]:
    """The time-budget case: one call on prepared inputs (the supervisor keeps the time)."""
    fn = require(ns, "fm_predict")
    x, w0, w, v = inputs
    return {"y": fn(x, w0, w, v)}
