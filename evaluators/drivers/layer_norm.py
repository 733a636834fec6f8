"""Driver for `layer_norm` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "layer_norm")
    x, gamma, beta = (tensor(payload[name]) for name in ("x", "gamma", "beta"))
    eps = payload.get("eps")
    return {"output": fn(x, gamma, beta) if eps is None else fn(x, gamma, beta, eps)}
