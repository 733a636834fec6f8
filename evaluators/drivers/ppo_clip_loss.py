"""Driver for `ppo_clip_loss` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor
from evaluators.drivers._common_grad import backward, leaf


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "ppo_clip_loss")
    logp_new = leaf(payload, "logp_new", requires_grad=True)
    args = [logp_new, tensor(payload["logp_old"]), tensor(payload["advantages"])]
    kwargs = {}
    if payload.get("clip_eps") is not None:
        kwargs["clip_eps"] = payload["clip_eps"]
    if payload.get("mask") is not None:
        kwargs["mask"] = tensor(payload["mask"])
    loss = fn(*args, **kwargs)
    return {"loss": loss, **backward(loss, {"logp_new": logp_new})}
