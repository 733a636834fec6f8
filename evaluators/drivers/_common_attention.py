"""Driver-side helpers for the nn.Module problems of the attention group (runs in the sandbox).

Build the candidate's module, copy the case's weights into the attributes the statement names
(raising :class:`SubmissionError` with what is missing or misshaped) and switch to eval mode.
No reference logic lives here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from evaluators.driver_api import SubmissionError, require, tensor


def _shape(t: Any) -> tuple[int, ...]:
    return tuple(t.shape)


def load_linear(module: Any, name: str, weight: np.ndarray, bias: np.ndarray) -> None:
    """Copy ``weight (out, in)`` and ``bias (out,)`` into ``module.<name>`` (an nn.Linear)."""
    d_out, d_in = weight.shape
    want = f"nn.Linear({d_in}, {d_out})"
    owner = type(module).__name__
    layer = getattr(module, name, None)
    if layer is None:
        raise SubmissionError(f"`{owner}` has no attribute `{name}` (should be {want})")
    w, b = getattr(layer, "weight", None), getattr(layer, "bias", None)
    if not isinstance(w, torch.Tensor):
        raise SubmissionError(f"`{owner}.{name}` should be {want}, got {type(layer).__name__}")
    if _shape(w) != tuple(weight.shape):
        raise SubmissionError(f"`{owner}.{name}.weight` has shape {_shape(w)}, expected "
                              f"{tuple(weight.shape)} for {want}")
    if not isinstance(b, torch.Tensor):
        raise SubmissionError(f"`{owner}.{name}` must have a bias ({want} with bias=True)")
    if _shape(b) != tuple(bias.shape):
        raise SubmissionError(f"`{owner}.{name}.bias` has shape {_shape(b)}, expected "
                              f"{tuple(bias.shape)}")
    with torch.no_grad():
        w.copy_(torch.from_numpy(np.array(weight)))
        b.copy_(torch.from_numpy(np.array(bias)))


def load_parameter(module: Any, name: str, value: np.ndarray) -> torch.Tensor:
    """Overwrite the values of tensor attribute ``module.<name>`` (shape must match)."""
    owner = type(module).__name__
    current = getattr(module, name, None)
    if not isinstance(current, torch.Tensor):
        raise SubmissionError(f"`{owner}` must have an attribute `{name}`: an nn.Parameter of "
                              f"shape {tuple(value.shape)}")
    if _shape(current) != tuple(value.shape):
        raise SubmissionError(f"`{owner}.{name}` has shape {_shape(current)}, expected "
                              f"{tuple(value.shape)}")
    with torch.no_grad():
        current.copy_(torch.from_numpy(np.array(value)))
    return current


def build(ns: dict[str, Any], class_name: str, args: list[Any],
          linears: dict[str, dict[str, np.ndarray]]) -> Any:
    """Instantiate ``class_name(*args)``, load its linear layers and put it in eval mode."""
    cls = require(ns, class_name, "class")
    module = cls(*args)
    if not isinstance(module, torch.nn.Module):
        raise SubmissionError(f"`{class_name}` must subclass torch.nn.Module")
    for name, p in linears.items():
        load_linear(module, name, p["weight"], p["bias"])
    module.eval()
    return module


def optional_tensor(payload: dict[str, Any], key: str) -> torch.Tensor | None:
    value = payload.get(key)
    return None if value is None else tensor(value)


def self_attention_run(ns: dict[str, Any], payload: dict[str, Any],
                       class_name: str) -> dict[str, Any]:
    """``Module(*args)(x, mask=...)`` for the self-attention problems (MQA, GQA)."""
    module = build(ns, class_name, payload["args"], payload["params"])
    return {"output": _self_forward(module, tensor(payload["x"]),
                                    optional_tensor(payload, "mask"))}


def self_attention_leak(ns: dict[str, Any], payload: dict[str, Any],
                        class_name: str) -> dict[str, Any]:
    """The same module on ``x`` and on ``x_perturbed`` (later tokens changed), causal mask."""
    module = build(ns, class_name, payload["args"], payload["params"])
    return {key: _self_forward(module, tensor(payload[name]), tensor(payload["mask"]))
            for key, name in (("output_a", "x"), ("output_b", "x_perturbed"))}


def _self_forward(module: Any, x: torch.Tensor, mask: torch.Tensor | None) -> Any:
    with torch.no_grad():
        return module(x) if mask is None else module(x, mask=mask)
