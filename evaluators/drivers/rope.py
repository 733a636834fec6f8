"""Driver for `rope` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "apply_rope")
    x = tensor(payload["x"])
    args: list[Any] = []
    if payload.get("positions") is not None:
        args.append(tensor(payload["positions"], torch.long))
    kwargs = {} if payload.get("base") is None else {"base": float(payload["base"])}
    return {"output": fn(x, *args, **kwargs)}
