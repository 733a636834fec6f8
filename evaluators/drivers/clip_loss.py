"""Driver for `clip_loss` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.drivers._common_grad import backward, leaf


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    from evaluators.driver_api import require

    fn = require(ns, "clip_loss")
    image = leaf(payload, "image_emb", requires_grad=True)
    text = leaf(payload, "text_emb", requires_grad=True)
    kind = payload["scale_kind"]
    scale: Any = float(payload["logit_scale"])
    if kind != "float":
        scale = torch.tensor(scale, requires_grad=kind == "tensor_grad")
    loss = fn(image, text, scale)
    tensors = {"image_emb": image, "text_emb": text}
    if kind == "tensor_grad":
        tensors["logit_scale"] = scale
    return {"loss": loss, **backward(loss, tensors)}
