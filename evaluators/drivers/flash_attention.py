"""Driver for `flash_attention` (runs inside the sandbox).

``big`` is the memory-and-time case: inputs are generated here from a seed, then one call is
measured by :func:`evaluators.common_numeric.peak_memory` around
:func:`evaluators.common_numeric.timed` (time and peak extra resident memory of the same call).
"""

from __future__ import annotations

from typing import Any

import torch

from evaluators.common_numeric import attention_inputs, peak_memory, timed
from evaluators.driver_api import require, tensor


def _call(fn: Any, q: Any, k: Any, v: Any, payload: dict[str, Any]) -> Any:
    kwargs = {key: payload[key] for key in ("causal", "block_size") if payload.get(key) is not None}
    return fn(q, k, v, **kwargs)


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "flash_attention")
    q, k, v = (tensor(payload[name]) for name in ("q", "k", "v"))
    with torch.no_grad():
        return {"output": _call(fn, q, k, v, payload)}


def big(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "flash_attention")
    arrays = attention_inputs(payload["seed"], 1, 1, payload["length"], payload["d"])
    q, k, v = (torch.from_numpy(a) for a in arrays)
    del arrays
    with torch.no_grad():
        (out, elapsed), memory = peak_memory(timed, _call, fn, q, k, v, payload)
    rows = torch.as_tensor(payload["rows"])
    sampled = out[0, 0, rows] if isinstance(out, torch.Tensor) and out.dim() == 4 else out
    return {"rows": sampled, "shape": list(getattr(out, "shape", [])), "elapsed": elapsed,
            "memory": memory}
