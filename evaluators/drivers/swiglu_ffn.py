"""Driver for `swiglu_ffn` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import tensor
from evaluators.drivers._common_grad import backward
from evaluators.drivers._common_modules import build, grads_of, load_linears

WEIGHTS = ["w_gate.weight", "w_up.weight", "w_down.weight"]


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Overwrite the weights, forward, then backward with a fixed cotangent."""
    module = build(ns, "SwiGLU", payload["args"])
    load_linears(module, payload["linears"])
    out = module(tensor(payload["x"]))
    result = backward(out, {}, payload["cotangent"])
    return {"output": out, **result, **grads_of(module, WEIGHTS)}


def reload(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Forward once, overwrite the weights again, forward again."""
    module = build(ns, "SwiGLU", payload["args"])
    load_linears(module, payload["linears"])
    x = tensor(payload["x"])
    with torch.no_grad():
        module(x)
        load_linears(module, payload["linears2"])
        return {"output": module(x)}
