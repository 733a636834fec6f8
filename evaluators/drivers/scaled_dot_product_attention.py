"""Driver for `scaled_dot_product_attention` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "scaled_dot_product_attention")
    q, k, v = (tensor(payload[name]) for name in ("q", "k", "v"))
    if payload.get("mask") is None:
        result = fn(q, k, v)
    else:
        result = fn(q, k, v, mask=tensor(payload["mask"]))
    output, weights = unpack(result, 2, "scaled_dot_product_attention")
    return {"output": output, "weights": weights}
