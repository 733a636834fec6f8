"""Driver for `rnn_forward` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack

ARGS = ("x", "h0", "W_ih", "W_hh", "b_ih", "b_hh")


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "rnn_forward")
    result = fn(*(np.array(payload[name], copy=True) for name in ARGS))
    outputs, h_t = unpack(result, 2, "rnn_forward")
    return {"outputs": outputs, "h_T": h_t}
