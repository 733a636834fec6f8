"""Driver for `moe_layer` (runs inside the sandbox).

``dispatch`` swaps the candidate's experts for counting experts (same parameters) that record the
rows each call receives, so the trusted side can check sparse dispatch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from evaluators.driver_api import tensor
from evaluators.drivers._common_grad import backward
from evaluators.drivers._common_modules import build, grads_of, load_linears

CLASS = "MoE"


class CountingExpert(torch.nn.Module):
    """``fc2(GELU(fc1(h)))`` that records every input it is called on."""

    def __init__(self, fc1: dict[str, np.ndarray], fc2: dict[str, np.ndarray]) -> None:
        super().__init__()
        self.fc1 = _linear(fc1)
        self.fc2 = _linear(fc2)
        self.received: list[np.ndarray] = []

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        width = self.fc1.in_features
        self.received.append(h.detach().reshape(-1, width).double().numpy().copy())
        return self.fc2(F.gelu(self.fc1(h)))


def _linear(p: dict[str, np.ndarray]) -> torch.nn.Linear:
    d_out, d_in = p["weight"].shape
    layer = torch.nn.Linear(d_in, d_out)
    with torch.no_grad():
        layer.weight.copy_(tensor(p["weight"]))
        layer.bias.copy_(tensor(p["bias"]))
    return layer


def _module(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    module = build(ns, CLASS, payload["args"])
    load_linears(module, payload["linears"])
    return module


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Overwrite every parameter, forward, backward with a fixed cotangent."""
    module = _module(ns, payload)
    out = module(tensor(payload["x"]))
    paths = [f"{name}.{kind}" for name, p in payload["linears"].items()
             for kind in ("weight", "bias") if kind == "weight" or p.get("bias") is not None]
    return {"output": out, **backward(out, {}, payload["cotangent"]), **grads_of(module, paths)}


def dispatch(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Replace `experts` by counting experts; forward; report what each expert received."""
    module = _module(ns, payload)
    n_experts = payload["args"][2]
    linears = payload["linears"]
    counting = [CountingExpert(linears[f"experts.{e}.fc1"], linears[f"experts.{e}.fc2"])
                for e in range(n_experts)]
    module.experts = torch.nn.ModuleList(counting)
    with torch.no_grad():
        out = module(tensor(payload["x"]))
    d_model = payload["args"][0]
    rows = [np.concatenate(c.received) if c.received else np.zeros((0, d_model))
            for c in counting]
    return {"output": out, "rows": rows, "calls": [len(c.received) for c in counting]}


def reload(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Forward once, overwrite every parameter again, forward again."""
    module = _module(ns, payload)
    x = tensor(payload["x"])
    with torch.no_grad():
        module(x)
        load_linears(module, payload["linears2"])
        return {"output": module(x)}
