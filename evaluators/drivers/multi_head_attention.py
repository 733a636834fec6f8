"""Driver for `multi_head_attention` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import tensor
from evaluators.drivers._common_attention import build, optional_tensor


def _module(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    return build(ns, "MultiHeadAttention", [payload["d_model"], payload["n_heads"]],
                 payload["params"])


def _forward(module: Any, q: Any, k: Any, v: Any, mask: Any) -> Any:
    with torch.no_grad():
        return module(q, k, v) if mask is None else module(q, k, v, mask=mask)


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    module = _module(ns, payload)
    q, k, v = (tensor(payload[name]) for name in ("q", "k", "v"))
    return {"output": _forward(module, q, k, v, optional_tensor(payload, "mask"))}


def leak(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Self-attention on x and on x with its later tokens changed (same causal mask)."""
    module = _module(ns, payload)
    outputs = {}
    for key, name in (("output_a", "x"), ("output_b", "x_perturbed")):
        q, k, v = (tensor(payload[name]) for _ in range(3))
        outputs[key] = _forward(module, q, k, v, tensor(payload["mask"]))
    return outputs
