"""Driver for `kmeans` (runs inside the sandbox): one call per seed in the payload."""

from __future__ import annotations

from typing import Any

import numpy as np

from evaluators.driver_api import require, unpack


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "kmeans")
    out: dict[str, Any] = {}
    for i, seed in enumerate(payload["seeds"]):
        x = np.array(payload["X"], copy=True)
        kwargs = {"seed": seed}
        if payload.get("n_iters") is not None:
            kwargs["n_iters"] = payload["n_iters"]
        centroids, labels = unpack(fn(x, payload["k"], **kwargs), 2, "kmeans")
        out[f"centroids_{i}"], out[f"labels_{i}"] = centroids, labels
    return out
