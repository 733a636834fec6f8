"""Driver for `causal_self_attention_kv_cache` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import SubmissionError, tensor, unpack
from evaluators.drivers._common_attention import build, optional_tensor

CLASS = "CausalSelfAttention"


def _module(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    return build(ns, CLASS, payload["args"], payload["params"])


def _past(payload: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor] | None:
    k = optional_tensor(payload, "past_k")
    return None if k is None else (k, tensor(payload["past_v"]))


def _call(module: Any, x: torch.Tensor, past: Any) -> tuple[Any, tuple[Any, Any]]:
    """``module(x, past_kv=past)`` -> ``(out, (k_all, v_all))``."""
    with torch.no_grad():
        result = module(x) if past is None else module(x, past_kv=past)
    out, cache = unpack(result, 2, f"{CLASS}.forward")
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        raise SubmissionError(f"{CLASS}.forward must return (out, (k_all, v_all)); the second "
                              f"item is {type(cache).__name__}, not a pair of tensors")
    return out, (cache[0], cache[1])


def full(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    out, (k, v) = _call(_module(ns, payload), tensor(payload["x"]), _past(payload))
    return {"output": out, "k_all": k, "v_all": v}


def incremental(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Feed ``x`` in chunks, passing back the cache each call returned."""
    module = _module(ns, payload)
    x, past = tensor(payload["x"]), _past(payload)
    outputs, shapes, start = [], [], 0
    for size in payload["chunks"]:
        out, past = _call(module, x[:, start:start + size].clone(), past)
        outputs.append(out)
        shapes.append([list(getattr(t, "shape", ())) for t in past])
        start += size
    assert past is not None
    return {"outputs": outputs, "cache_shapes": shapes, "k_all": past[0], "v_all": past[1]}


def leak(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The same call on ``x`` and on ``x`` with its later tokens changed."""
    module = _module(ns, payload)
    return {key: _call(module, tensor(payload[name]), _past(payload))[0]
            for key, name in (("output_a", "x"), ("output_b", "x_perturbed"))}
