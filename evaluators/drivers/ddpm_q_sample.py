"""Driver for `ddpm_q_sample` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "q_sample")
    args = [tensor(payload[k]) for k in ("x0", "t", "betas", "noise")]
    return {"x_t": fn(*args)}
