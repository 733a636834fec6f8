"""Driver for `cross_entropy` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "cross_entropy")
    logits = np.array(payload["logits"], copy=True)
    targets = np.array(payload["targets"], copy=True)
    return {"loss": fn(logits, targets)}
