"""Driver for `path_tree` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "tree")
    return {"tree": fn([str(p) for p in payload["paths"]])}
