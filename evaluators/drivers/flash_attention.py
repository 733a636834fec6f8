"""Driver for `flash_attention` (runs inside the sandbox).

``big`` is the memory-and-time case. ``prepare_big`` builds q, k and v from the case's seed before
the supervisor's clocks and memory reading start, so the inputs are allocated "just before the
call" and cost nothing; ``big`` makes the one call the supervisor measures (CPU time, peak
resident memory) and returns the output's shape and the sampled rows the trusted side compares,
both read with C-level tensor functions (:func:`evaluators.driver_api.rows_of`): a tensor
subclass that computes rows lazily on demand cannot answer for the whole output. Nothing is
measured here.
"""

from __future__ import annotations

from typing import Any

import torch

from evaluators.common_numeric import attention_inputs
from evaluators.driver_api import require, rows_of, shape_of, tensor

_from_numpy = torch.from_numpy  # captured before any candidate code runs


def _call(fn: Any, q: Any, k: Any, v: Any, payload: dict[str, Any]) -> Any:
    kwargs = {key: payload[key] for key in ("causal", "block_size") if payload.get(key) is not None}
    return fn(q, k, v, **kwargs)


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "flash_attention")
    q, k, v = (tensor(payload[name]) for name in ("q", "k", "v"))
    with torch.no_grad():
        return {"output": _call(fn, q, k, v, payload)}


def prepare_big(payload: dict[str, Any]) -> tuple[Any, ...]:
    """q, k, v (1, 1, L, d) float32 from the case's seed (before the clocks start)."""
    arrays = attention_inputs(payload["seed"], 1, 1, payload["length"], payload["d"])
    return tuple(_from_numpy(a) for a in arrays)


def big(ns: dict[str, Any], payload: dict[str, Any], inputs: tuple[Any, ...]) -> dict[str, Any]:
    fn = require(ns, "flash_attention")
    q, k, v = inputs
    with torch.no_grad():
        out = _call(fn, q, k, v, payload)
    shape = shape_of(out)
    if shape is None or len(shape) != 4 or shape[2] != payload["length"]:
        return {"shape": shape, "rows": out if shape is None else None}
    return {"shape": shape, "rows": rows_of(out, (0, 0), payload["rows"])}
