"""Driver for `binary_cross_entropy` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "binary_cross_entropy")
    y_true = np.array(payload["y_true"], copy=True)
    y_pred = np.array(payload["y_pred"], copy=True)
    if payload.get("eps") is None:
        return {"loss": fn(y_true, y_pred)}
    return {"loss": fn(y_true, y_pred, eps=payload["eps"])}
