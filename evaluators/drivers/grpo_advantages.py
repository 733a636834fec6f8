"""Driver for `grpo_advantages` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "grpo_advantages")
    rewards = tensor(payload["rewards"])
    eps = payload.get("eps")
    return {"output": fn(rewards) if eps is None else fn(rewards, eps=eps)}
