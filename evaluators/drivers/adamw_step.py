"""Driver for `adamw_step` (runs inside the sandbox): chained steps, inputs checked unchanged."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """``len(grads)`` chained steps from t = 1; each step's outputs feed the next."""
    fn = require(ns, "adamw_step")
    param = np.array(payload["param"], dtype=np.float64)
    m, v = np.zeros_like(param), np.zeros_like(param)
    kwargs = payload.get("hyper") or {}
    params, ms, vs, modified = [], [], [], []
    for t, grad in enumerate(payload["grads"], start=1):
        inputs = [param.copy(), np.array(grad, dtype=np.float64), m.copy(), v.copy()]
        saved = [a.copy() for a in inputs]
        param, m, v = unpack(fn(*inputs, t, **kwargs), 3, "adamw_step")
        modified.append([name for name, a, b in zip(("param", "grad", "m", "v"), inputs, saved,
                                                    strict=True) if not np.array_equal(a, b)])
        params.append(param)
        ms.append(m)
        vs.append(v)
        param, m, v = (np.array(a, dtype=np.float64) for a in (param, m, v))
    return {"params": params, "ms": ms, "vs": vs, "modified": modified}
