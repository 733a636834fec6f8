"""Driver for `top_k_cosine` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.common_numeric import topk_inputs
from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "top_k_cosine")
    queries = np.array(payload["queries"], copy=True)
    database = np.array(payload["database"], copy=True)
    indices, scores = unpack(fn(queries, database, payload["k"]), 2, "top_k_cosine")
    return {"indices": indices, "scores": scores}


def prepare_timed_run(payload: dict[str, Any]) -> tuple[Any, ...]:
    """The time-budget case's inputs, generated from the seed before the clock starts."""
    return topk_inputs(payload["seed"], payload["n"], payload["d"], payload["q"])


def timed_run(ns: dict[str, Any], payload: dict[str, Any],
              inputs: tuple[Any, ...]) -> dict[str, Any]:
    """The time-budget case: one call on prepared inputs (the supervisor keeps the time)."""
    fn = require(ns, "top_k_cosine")
    queries, database = inputs
    indices, scores = unpack(fn(queries, database, payload["k"]), 2, "top_k_cosine")
    return {"indices": indices, "scores": scores}
