"""Driver for `logistic_regression` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "logistic_regression_fit")
    x = np.array(payload["X"], copy=True)
    y = np.array(payload["y"], copy=True)
    kwargs = {k: payload[k] for k in ("lr", "epochs") if payload.get(k) is not None}
    result = fn(x, y, **kwargs)
    w, b = unpack(result, 2, "logistic_regression_fit")
    return {"w": w, "b": b}
