"""Driver for `relative_position` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import SubmissionError, require, tensor
from evaluators.drivers._common_attention import load_parameter

CLASS = "RelativePosition"


def _module(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    module = require(ns, CLASS, "class")(*payload["args"])
    if not isinstance(module, torch.nn.Module):
        raise SubmissionError(f"`{CLASS}` must subclass torch.nn.Module")
    load_parameter(module, "embeddings_table", payload["table"])
    return module


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    module = _module(ns, payload)
    with torch.no_grad():
        return {"output": module(*payload["lengths"])}


def grad(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """forward, then ``out.backward(grad)``; report the table's gradient."""
    module = _module(ns, payload)
    module.zero_grad(set_to_none=True)
    out = module(*payload["lengths"])
    table = module.embeddings_table
    if isinstance(out, torch.Tensor) and out.requires_grad:
        # (out * g).sum().backward() == out.backward(g), without the lazy sympy import
        # that a non-scalar backward triggers on first use (~1 s)
        (out * tensor(payload["grad"])).sum().backward()
    return {"output": out, "table_grad": table.grad,
            "table_registered": any(p is table for p in module.parameters())}
