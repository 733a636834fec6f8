"""Driver for `multi_query_attention` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.drivers._common_attention import self_attention_leak, self_attention_run


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    return self_attention_run(ns, payload, "MultiQueryAttention")


def leak(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    return self_attention_leak(ns, payload, "MultiQueryAttention")
