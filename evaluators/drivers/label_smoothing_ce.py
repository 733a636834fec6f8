"""Driver for `label_smoothing_ce` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor
from evaluators.drivers._common_grad import backward, leaf


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "label_smoothing_ce")
    logits = leaf(payload, "logits", requires_grad=True)
    targets = tensor(payload["targets"])
    smoothing = payload.get("smoothing")
    loss = fn(logits, targets) if smoothing is None else fn(logits, targets, smoothing=smoothing)
    return {"loss": loss, **backward(loss, {"logits": logits})}
