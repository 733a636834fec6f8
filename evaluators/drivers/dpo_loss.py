"""Driver for `dpo_loss` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, unpack
from evaluators.drivers._common_grad import backward, leaf

NAMES = ("policy_chosen_logps", "policy_rejected_logps", "ref_chosen_logps",
         "ref_rejected_logps")


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "dpo_loss")
    inputs = [leaf(payload, name, requires_grad=name.startswith("policy")) for name in NAMES]
    beta = payload.get("beta")
    result = fn(*inputs) if beta is None else fn(*inputs, beta=beta)
    loss, chosen, rejected = unpack(result, 3, "dpo_loss")
    return {"loss": loss, "chosen_rewards": chosen, "rejected_rewards": rejected,
            **backward(loss, dict(zip(NAMES[:2], inputs[:2], strict=True)))}
