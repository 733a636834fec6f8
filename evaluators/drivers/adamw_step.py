"""Driver for `adamw_step` (runs inside the sandbox): chained steps, with the inputs of every call
copied just before and just after it.

Whether a call modified its inputs in place is decided on the trusted side from those copies
(raw data), not here: the copies are taken with ``ndarray.copy`` (a C method of a type no
submission can change) on arrays this driver created, and every numpy function used is
captured at import.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack

NAMES = ("param", "grad", "m", "v")
# captured before any candidate code runs
_array, _copy, _zeros, _float64 = np.array, np.ndarray.copy, np.zeros, np.float64


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """``len(grads)`` chained steps from t = 1; each step's outputs feed the next."""
    fn = require(ns, "adamw_step")
    param = _array(payload["param"], dtype=_float64)
    m, v = _zeros(param.shape, dtype=_float64), _zeros(param.shape, dtype=_float64)
    kwargs = payload.get("hyper") or {}
    params, ms, vs, before, after = [], [], [], [], []
    for t, grad in enumerate(payload["grads"], start=1):
        inputs = [_copy(param), _array(grad, dtype=_float64), _copy(m), _copy(v)]
        before.append([_copy(a) for a in inputs])
        result = fn(*inputs, t, **kwargs)
        after.append([_copy(a) for a in inputs])
        param, m, v = unpack(result, 3, "adamw_step")
        params.append(param)
        ms.append(m)
        vs.append(v)
        param, m, v = (_array(a, dtype=_float64) for a in (param, m, v))
    return {"params": params, "ms": ms, "vs": vs, "inputs_before": before,
            "inputs_after": after}
