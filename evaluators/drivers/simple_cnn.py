"""Driver for `simple_cnn` (runs inside the sandbox): forward shapes, structure, a short fit.

The fit stops as soon as the loss has fallen to ``stop_ratio`` of its first value (to keep the
run short); the trusted side re-checks the returned losses.
"""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import SubmissionError, require, tensor


def _build(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    import torch

    cls = require(ns, "SimpleCNN", "class")
    torch.manual_seed(payload["seed"])
    model = cls() if payload["num_classes"] is None else cls(payload["num_classes"])
    if not isinstance(model, torch.nn.Module):
        raise SubmissionError("SimpleCNN must subclass torch.nn.Module")
    return model


def forward(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    import torch

    model = _build(ns, payload)
    model.eval()
    with torch.no_grad():
        return {"output": model(tensor(payload["x"]))}


def structure(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    import torch

    model = _build(ns, payload)
    return {"conv_modules": sum(isinstance(m, torch.nn.Conv2d) for m in model.modules()),
            "kernel_params": sum(p.dim() == 4 for p in model.parameters())}


def fit(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    import torch
    import torch.nn.functional as F

    model = _build(ns, payload)
    model.train()
    x, y = tensor(payload["x"]), tensor(payload["y"])
    optimizer = torch.optim.Adam(model.parameters(), lr=payload["lr"])
    losses: list[float] = []
    for step in range(payload["steps"] + 1):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        losses.append(float(loss.detach()))
        if step == payload["steps"] or losses[-1] <= payload["stop_ratio"] * losses[0]:
            break
        loss.backward()
        optimizer.step()
    return {"losses": losses}
