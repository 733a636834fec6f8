"""Driver for `nt_xent_loss` (runs inside the sandbox): calls backward() and returns grads."""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import require, tensor


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "nt_xent_loss")
    z1 = tensor(payload["z1"]).requires_grad_(True)
    z2 = tensor(payload["z2"]).requires_grad_(True)
    if payload.get("temperature") is None:
        loss = fn(z1, z2)
    else:
        loss = fn(z1, z2, temperature=payload["temperature"])
    out: dict[str, Any] = {"loss": loss, "backward_error": None, "grad_z1": None, "grad_z2": None}
    if isinstance(loss, torch.Tensor):
        try:
            loss.backward()
        except RuntimeError as exc:
            out["backward_error"] = str(exc)[:300]
        out["grad_z1"], out["grad_z2"] = z1.grad, z2.grad
    return out
