"""Driver for `dropout` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """``calls`` calls on the same x, sharing one Generator seeded with ``seed``."""
    fn = require(ns, "dropout")
    x = np.array(payload["x"], dtype=np.float64)
    rng = np.random.default_rng(payload["seed"])
    outs = [fn(x.copy(), payload["p"], payload["training"], rng) for _ in range(payload["calls"])]
    return {"outputs": outs}


def repeat(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """One call each with two Generators of the same seed."""
    fn = require(ns, "dropout")
    x = np.array(payload["x"], dtype=np.float64)
    outs = [fn(x.copy(), payload["p"], True, np.random.default_rng(payload["seed"]))
            for _ in range(2)]
    return {"outputs": outs}
