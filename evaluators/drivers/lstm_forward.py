"""Driver for `lstm_forward` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack

ARGS = ("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh")


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "lstm_forward")
    result = fn(*(np.array(payload[name], copy=True) for name in ARGS))
    outputs, state = unpack(result, 2, "lstm_forward")
    h_t, c_t = unpack(state, 2, "the second item of lstm_forward's result, (h_T, c_T),")
    return {"outputs": outputs, "h_T": h_t, "c_T": c_t}
