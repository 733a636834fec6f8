"""Driver for `sinusoidal_position_encoding` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "sinusoidal_position_encoding")
    return {"pe": fn(payload["max_len"], payload["d_model"])}
