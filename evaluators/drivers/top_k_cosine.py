"""Driver for `top_k_cosine` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.common_numeric import timed, topk_inputs
from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "top_k_cosine")
    queries = np.array(payload["queries"], copy=True)
    database = np.array(payload["database"], copy=True)
    indices, scores = unpack(fn(queries, database, payload["k"]), 2, "top_k_cosine")
    return {"indices": indices, "scores": scores}


def timed_run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The time-budget case: inputs generated here from the seed; elapsed covers the call only."""
    fn = require(ns, "top_k_cosine")
    queries, database = topk_inputs(payload["seed"], payload["n"], payload["d"], payload["q"])
    result, elapsed = timed(fn, queries, database, payload["k"])
    indices, scores = unpack(result, 2, "top_k_cosine")
    return {"indices": indices, "scores": scores, "elapsed": elapsed}
