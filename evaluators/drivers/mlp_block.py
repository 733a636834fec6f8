"""Driver for `mlp_block` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import tensor
from evaluators.drivers._common_attention import build


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    module = build(ns, "Mlp", payload["args"], payload["params"])
    with torch.no_grad():
        return {"output": module(tensor(payload["x"]))}
