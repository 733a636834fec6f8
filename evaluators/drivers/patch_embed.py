"""Driver for `patch_embed` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import require, tensor
from evaluators.drivers._common_modules import build, load_linears


def patchify(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "patchify")
    return {"output": fn(tensor(payload["images"]), payload["patch_size"])}


def rejects(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """patchify on an image whose size is not a multiple of the patch size."""
    fn = require(ns, "patchify")
    try:
        result = fn(tensor(payload["images"]), payload["patch_size"])
    except Exception as exc:  # the exception type is the output
        return {"raised": type(exc).__name__, "is_value_error": isinstance(exc, ValueError),
                "message": str(exc)[:300]}
    return {"raised": None, "is_value_error": False,
            "shape": list(getattr(result, "shape", []))}


def module(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    embed = build(ns, "PatchEmbed", payload["args"])
    load_linears(embed, payload["linears"])
    x = tensor(payload["images"])
    with torch.no_grad():
        out = embed(x)
        if payload.get("linears2") is not None:
            load_linears(embed, payload["linears2"])
            out = embed(x)
    return {"output": out}
