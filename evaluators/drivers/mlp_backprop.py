"""Driver for `mlp_backprop` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import SubmissionError, require

NAMES = ("dW1", "db1", "dW2", "db2")


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "two_layer_mlp_grads")
    args = [np.array(payload[k], copy=True) for k in ("X", "y", "W1", "b1", "W2", "b2")]
    grads = fn(*args)
    if not isinstance(grads, dict):
        raise SubmissionError(f"two_layer_mlp_grads must return a dict with keys {list(NAMES)}, "
                              f"got {type(grads).__name__}")
    missing = [k for k in NAMES if k not in grads]
    if missing:
        raise SubmissionError(f"the returned dict is missing {missing} (keys must be "
                              f"{list(NAMES)})")
    return {k: grads[k] for k in NAMES}
