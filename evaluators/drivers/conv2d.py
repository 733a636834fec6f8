"""Driver for `conv2d` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "conv2d")
    x = np.array(payload["x"], copy=True)
    weight = np.array(payload["weight"], copy=True)
    if payload["defaults"]:
        return {"output": fn(x, weight)}
    bias = None if payload["bias"] is None else np.array(payload["bias"], copy=True)
    return {"output": fn(x, weight, bias, payload["stride"], payload["padding"])}
