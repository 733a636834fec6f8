"""Driver for `greedy_decode` (runs inside the sandbox) over the shared toy LM."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.common_decoding import ToyLM
from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "greedy_decode")
    lm = ToyLM.from_payload(payload["lm"])

    def next_logits(ids: Any) -> np.ndarray:
        return lm(ids)

    tokens = fn(next_logits, list(payload["prompt"]), int(payload["max_new_tokens"]),
                int(payload["eos_id"]))
    return {"tokens": tokens}
