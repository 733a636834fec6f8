"""Driver for `focal_loss` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor
from evaluators.drivers._common_grad import backward, leaf


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "focal_loss")
    logits = leaf(payload, "logits", requires_grad=True)
    kwargs = {key: payload[key] for key in ("alpha", "gamma", "reduction")
              if payload.get(key) is not None}
    loss = fn(logits, tensor(payload["targets"]), **kwargs)
    return {"loss": loss, **backward(loss, {"logits": logits}, payload.get("cotangent"))}
