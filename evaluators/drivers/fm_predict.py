"""Driver for `fm_predict` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.common_numeric import fm_inputs, timed
from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "fm_predict")
    args = [np.array(payload[k], copy=True) for k in ("X", "w", "V")]
    return {"y": fn(args[0], float(payload["w0"]), args[1], args[2])}


def timed_run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The time-budget case: inputs generated here from the seed; elapsed covers the call only."""
    fn = require(ns, "fm_predict")
    x, w0, w, v = fm_inputs(payload["seed"], payload["rows"], payload["n"], payload["k"])
    y, elapsed = timed(fn, x, w0, w, v)
    return {"y": y, "elapsed": elapsed}
