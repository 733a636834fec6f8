"""Driver for `rms_norm` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "rms_norm")
    x, weight = tensor(payload["x"]), tensor(payload["weight"])
    eps = payload.get("eps")
    return {"output": fn(x, weight) if eps is None else fn(x, weight, eps)}
