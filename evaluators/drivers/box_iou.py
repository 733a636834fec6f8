"""Driver for `box_iou` (runs inside the sandbox).

``timed_run`` is a time-budget case (one per function): ``prepare_timed_run`` builds the boxes
from the case's seed before the supervisor's clock starts. The function is first called on a
probe of N = M = 200; if that call, extrapolated to the full size (it grows with N·M), would take
far longer than any budget, the full-size call is skipped and the trusted side fails the test —
so a Python double loop costs a fraction of a second instead of the whole time limit. The probe's
clock is the process CPU clock captured at import; it can only decide to *skip* (a failure),
never to pass: the budget itself is judged on the supervisor's measurement of the whole case.
The output's shape and sampled rows are read with C-level tensor functions.
"""

from __future__ import annotations

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
    """(probe boxes, full-size boxes): generated before the clock starts."""
    probe = box_inputs(payload["seed"] + 1, payload["probe"], payload["probe"])
    full = box_inputs(payload["seed"], payload["n"], payload["n"])
    return tuple(_from_numpy(a) for a in probe), tuple(_from_numpy(a) for a in full)


def timed_run(ns: dict[str, Any], payload: dict[str, Any],
              inputs: tuple[Any, ...]) -> dict[str, Any]:
    fn = require(ns, payload["name"])
    probe, full = inputs
    scale = (payload["n"] / payload["probe"]) ** 2
    with torch.no_grad():
        started = _cpu_clock()
        fn(*probe)
        probe_s = _cpu_clock() - started
        if probe_s * scale > payload["skip_above_s"]:
            return {"skipped": True, "probe_s": probe_s}
        result = fn(*full)
    return {"skipped": False, "shape": shape_of(result),
            "rows": rows_of(result, (), payload["rows"]) if shape_of(result) else result}
