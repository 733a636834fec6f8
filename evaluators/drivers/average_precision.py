"""Driver for `average_precision` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "average_precision")
    lists = [[np.array(a, dtype=np.float64) for a in payload[key]]
             for key in ("pred_boxes", "pred_scores", "gt_boxes")]
    threshold = payload.get("iou_threshold")
    ap = fn(*lists) if threshold is None else fn(*lists, iou_threshold=threshold)
    return {"ap": ap}
