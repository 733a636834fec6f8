"""Driver for `simple_cnn` (runs inside the sandbox): forward shapes, structure, a short fit.

Nothing here decides anything: ``structure`` runs one forward pass (the trusted side counts the
convolution operators the sandbox *saw execute*, not the modules the model claims to have), and
``fit`` exports the model's logits on the training batch before and after training, from which
the trusted side computes the cross-entropy itself — a loss the submission reports about itself
is never believed. The fit stops as soon as the loss has fallen to ``stop_ratio`` of its first
value (to keep the run short). The loss that drives training is computed with the C function
captured when this module was imported, on a plain tensor, so it cannot be swapped for a fake.
"""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import SubmissionError, require, tensor

_cross_entropy = torch._C._nn.cross_entropy_loss  # captured before any candidate code runs
_Tensor = torch.Tensor
MEAN = 1  # torch's Reduction::Mean


def _build(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    cls = require(ns, "SimpleCNN", "class")
    torch.manual_seed(payload["seed"])
    model = cls() if payload["num_classes"] is None else cls(payload["num_classes"])
    if not isinstance(model, torch.nn.Module):
        raise SubmissionError("SimpleCNN must subclass torch.nn.Module")
    return model


def _plain(out: Any) -> Any:
    if type(out) is not _Tensor:
        raise SubmissionError(f"SimpleCNN.forward must return a torch.Tensor, got "
                              f"{type(out).__name__}")
    return out


def forward(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    model = _build(ns, payload)
    model.eval()
    with torch.no_grad():
        return {"output": model(tensor(payload["x"]))}


def structure(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """One forward pass; the trusted side counts the convolutions that executed."""
    model = _build(ns, payload)
    model.eval()
    with torch.no_grad():
        output = model(tensor(payload["x"]))
    return {"output": output,
            "kernel_shapes": [list(p.shape) for p in model.parameters() if p.dim() == 4]}


def _logits(model: Any, x: Any, seed: int) -> Any:
    torch.manual_seed(seed)  # the same dropout masks before and after training
    with torch.no_grad():
        return _plain(model(x)).detach().clone()


def fit(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    model = _build(ns, payload)
    model.train()
    x, y = tensor(payload["x"]), tensor(payload["y"])
    before = _logits(model, x, payload["seed"])
    optimizer = torch.optim.Adam(model.parameters(), lr=payload["lr"])
    losses: list[float] = []
    for step in range(payload["steps"] + 1):
        optimizer.zero_grad()
        loss = _cross_entropy(_plain(model(x)), y, None, MEAN, -100, 0.0)  # type: ignore[arg-type]
        losses.append(float(loss.detach()))
        if step == payload["steps"] or losses[-1] <= payload["stop_ratio"] * losses[0]:
            break
        loss.backward()
        optimizer.step()
    return {"losses": losses, "logits_before": before,
            "logits_after": _logits(model, x, payload["seed"])}
