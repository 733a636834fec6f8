"""Driver for `dice_loss` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "dice_loss")
    probs, target = tensor(payload["probs"]), tensor(payload["target"])
    if payload.get("eps") is None:
        return {"loss": fn(probs, target)}
    return {"loss": fn(probs, target, eps=payload["eps"])}
