"""Driver for `nms` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "nms")
    boxes = np.array(payload["boxes"], copy=True)
    scores = np.array(payload["scores"], copy=True)
    return {"keep": fn(boxes, scores, float(payload["iou_threshold"]))}
