"""Driver for `box_iou` (runs inside the sandbox).

``timed_run`` is the time-budget case: inputs come from a seed; each function is first timed at a
probe size (N = M = 200) and skipped at full size if the probe says it would take far too long
(a quadratic Python loop), so one slow submission cannot eat the whole time limit.
"""

from __future__ import annotations

from typing import Any

import torch

from evaluators.common_numeric import box_inputs, timed
from evaluators.driver_api import require, tensor

NAMES = ("box_iou", "generalized_box_iou")


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    b1, b2 = tensor(payload["boxes1"]), tensor(payload["boxes2"])
    with torch.no_grad():
        return {name: require(ns, name)(b1.clone(), b2.clone()) for name in NAMES}


def timed_run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    n, probe = payload["n"], payload["probe"]
    small = [torch.from_numpy(a) for a in box_inputs(payload["seed"] + 1, probe, probe)]
    big = [torch.from_numpy(a) for a in box_inputs(payload["seed"], n, n)]
    rows = torch.as_tensor(payload["rows"])
    out: dict[str, Any] = {}
    with torch.no_grad():
        for name in NAMES:
            fn = require(ns, name)
            _, probe_s = timed(fn, *small)
            out[f"{name}_probe_s"] = probe_s
            if probe_s * (n / probe) ** 2 > payload["skip_above_s"]:
                out[f"{name}_elapsed"] = None
                continue
            result, elapsed = timed(fn, *big)
            out[f"{name}_elapsed"] = elapsed
            out[f"{name}_shape"] = list(getattr(result, "shape", []))
            out[f"{name}_rows"] = result[rows] if isinstance(result, torch.Tensor) else result
    return out
