"""Driver for `linear_regression_sgd` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "linear_regression_sgd")
    x = np.array(payload["X"], copy=True)
    y = np.array(payload["y"], copy=True)
    kwargs = {k: payload[k] for k in ("lr", "epochs", "seed") if payload.get(k) is not None}
    w, b = unpack(fn(x, y, **kwargs), 2, "linear_regression_sgd")
    return {"w": w, "b": b}
