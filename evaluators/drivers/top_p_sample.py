"""Driver for `top_p_sample` (runs inside the sandbox): many draws, one seeded rng."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from evaluators.common_decoding import count_draws, repeat_draws
from evaluators.driver_api import require

NAME = "top_p_sample"


def _sampler(ns: dict[str, Any], payload: dict[str, Any]) -> Callable[[Any], Any]:
    fn = require(ns, NAME)
    logits = np.asarray(payload["logits"], dtype=np.float64)
    p, temperature = float(payload["p"]), float(payload["temperature"])
    return lambda rng: fn(logits.copy(), p, temperature, rng)


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    return count_draws(_sampler(ns, payload), payload, NAME)


def repeat(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    return repeat_draws(_sampler(ns, payload), payload, NAME)
