"""Driver for `bpe_train` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require


def train(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "bpe_train")
    return {"merges": fn(dict(payload["word_counts"]), payload["num_merges"])}


def encode(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "bpe_encode")
    merges = [(left, right) for left, right in payload["merges"]]
    return {"encoded": [fn(word, list(merges)) for word in payload["words"]]}
