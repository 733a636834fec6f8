"""Driver for `layer_norm_backward` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "layer_norm_backward")
    dy, x, gamma = (np.array(payload[k], copy=True) for k in ("dy", "x", "gamma"))
    eps = payload.get("eps")
    result = fn(dy, x, gamma) if eps is None else fn(dy, x, gamma, eps)
    dx, dgamma, dbeta = unpack(result, 3, "layer_norm_backward")
    return {"dx": dx, "dgamma": dgamma, "dbeta": dbeta}
