"""Driver for `box_iou` (runs inside the sandbox).

``timed_run`` is a time-budget case (one per function): ``prepare_timed_run`` builds the boxes
from the case's seed before the supervisor's clock starts. The function is first called on a
probe of N = M = 200; if that call, extrapolated to the full size as if it grew with N·M, would
take far longer than any budget, a second probe at N = M = 400 measures how it really grows (a
row loop grows ~linearly, a pair loop quadratically); if the full size still extrapolates far
over the budget, the full-size call is skipped and the trusted side fails the test —
so a Python double loop costs a fraction of a second instead of the whole time limit. The probe's
clock is the process CPU clock captured at import; it can only decide to *skip* (a failure),
never to pass: the budget itself is judged on the supervisor's measurement of the whole case.
The output's shape and sampled rows are read with C-level tensor functions.
"""

from __future__ import annotations

import math
import time
from typing import Any

import torch

from evaluators.common_numeric import box_inputs
from evaluators.driver_api import require, rows_of, shape_of, tensor

NAMES = ("box_iou", "generalized_box_iou")
_cpu_clock = time.process_time  # captured before any candidate code runs
_from_numpy, _as_tensor = torch.from_numpy, torch.as_tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    b1, b2 = tensor(payload["boxes1"]), tensor(payload["boxes2"])
    with torch.no_grad():
        return {name: require(ns, name)(b1.clone(), b2.clone()) for name in NAMES}


def prepare_timed_run(payload: dict[str, Any]) -> tuple[Any, ...]:
    """(probe boxes, double-size probe boxes, full-size boxes): generated before the clock."""
    n, m = payload["probe"], 2 * payload["probe"]
    sizes = ((payload["seed"] + 1, n), (payload["seed"] + 2, m), (payload["seed"], payload["n"]))
    return tuple(tuple(_from_numpy(a) for a in box_inputs(seed, k, k)) for seed, k in sizes)


def _cpu_seconds(fn: Any, boxes: tuple[Any, ...]) -> float:
    started = _cpu_clock()
    fn(*boxes)
    return _cpu_clock() - started


def timed_run(ns: dict[str, Any], payload: dict[str, Any],
              inputs: tuple[Any, ...]) -> dict[str, Any]:
    fn = require(ns, payload["name"])
    probe, double, full = inputs
    ratio = payload["n"] / payload["probe"]
    with torch.no_grad():
        probe_s = _cpu_seconds(fn, probe)
        if probe_s * ratio ** 2 > payload["skip_above_s"]:
            # slow at the probe: how does it grow? A loop over rows (vectorised columns) grows
            # ~linearly in N = M, a loop over pairs quadratically; extrapolate with that growth
            double_s = _cpu_seconds(fn, double)
            growth = min(max(math.log2(max(double_s, 1e-9) / max(probe_s, 1e-9)), 1.0), 2.0)
            estimate_s = double_s * (ratio / 2) ** growth
            if estimate_s > payload["skip_above_s"]:
                return {"skipped": True, "probe_s": probe_s, "estimate_s": estimate_s}
        result = fn(*full)
    return {"skipped": False, "shape": shape_of(result),
            "rows": rows_of(result, (), payload["rows"]) if shape_of(result) else result}
