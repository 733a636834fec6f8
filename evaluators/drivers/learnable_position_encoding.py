"""Driver for `learnable_position_encoding` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import SubmissionError, registered_tensors, require, tensor
from evaluators.drivers._common_attention import load_parameter

CLASS = "LearnablePositionEncoding"


def _module(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    module = require(ns, CLASS, "class")(*payload["args"])
    if not isinstance(module, torch.nn.Module):
        raise SubmissionError(f"`{CLASS}` must subclass torch.nn.Module")
    load_parameter(module, "pe", payload["pe"])
    return module


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    module = _module(ns, payload)
    with torch.no_grad():
        return {"output": module(tensor(payload["x"]))}


def grad(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """forward, then ``out.backward(grad)``; report pe's gradient and registration."""
    module = _module(ns, payload)
    module.zero_grad(set_to_none=True)
    x = tensor(payload["x"]).requires_grad_(True)
    out = module(x)
    # (out * g).sum().backward() == out.backward(g), without the lazy sympy import
    # that a non-scalar backward triggers on first use (~1 s)
    (out * tensor(payload["grad"])).sum().backward()
    pe = module.pe
    # registration read from nn.Module's own registry, not the module's parameters()
    registered = registered_tensors(module, buffers=False).values()
    return {"output": out, "pe_grad": pe.grad,
            "pe_is_parameter": type(pe) is torch.nn.Parameter,
            "pe_registered": any(p is pe for p in registered)}


def too_long(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """forward on a sequence longer than max_len; report what was raised."""
    module = _module(ns, payload)
    try:
        with torch.no_grad():
            module(tensor(payload["x"]))
    except Exception as exc:  # the exception type is the output
        return {"raised": type(exc).__name__, "is_value_error": isinstance(exc, ValueError),
                "message": str(exc)[:300]}
    return {"raised": None, "is_value_error": False, "message": ""}
