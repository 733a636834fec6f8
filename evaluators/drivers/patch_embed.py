"""Driver for `patch_embed` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import require, shape_of, tensor
from evaluators.drivers._common_modules import build, load_linears

_type_name = type.__dict__["__name__"].__get__  # a metaclass cannot answer for it


def patchify(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "patchify")
    return {"output": fn(tensor(payload["images"]), payload["patch_size"])}


def rejects(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """patchify on an image whose size is not a multiple of the patch size."""
    fn = require(ns, "patchify")
    try:
        result = fn(tensor(payload["images"]), payload["patch_size"])
    except Exception as exc:  # the exception's real type is the output (never its __class__)
        kind = type(exc)
        return {"raised": _type_name(kind), "is_value_error": issubclass(kind, ValueError),
                "message": str(exc)[:300]}
    return {"raised": None, "is_value_error": False,
            "shape": shape_of(result)}


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
