"""Driver-side helpers for problems whose results must support ``backward()`` (runs in the sandbox).

:func:`leaf` makes a fresh input tensor (optionally requiring grad); :func:`backward` runs
``loss.backward()`` (or ``(out * cotangent).sum().backward()`` for a non-scalar output) and
collects the gradients of the given tensors as ``grad_<name>`` outputs, reporting a failed
backward as ``backward_error`` instead of raising, so the trusted side can say what went wrong.
No reference logic lives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from evaluators.driver_api import is_plain_tensor, tensor

_requires_grad = vars(torch._C.TensorBase)["requires_grad"].__get__  # captured at import


def leaf(payload: Mapping[str, Any], name: str, requires_grad: bool = False) -> torch.Tensor:
    t = tensor(payload[name])
    return t.requires_grad_(True) if requires_grad else t


def backward(out: Any, tensors: Mapping[str, Any], cotangent: Any = None) -> dict[str, Any]:
    """Backpropagate from ``out``; ``grad_<name>`` for each of ``tensors`` (None if absent)."""
    result: dict[str, Any] = {"backward_error": None}
    if not is_plain_tensor(out):  # exactly a Tensor: no subclass answers for requires_grad
        result["backward_error"] = f"the result is a {type(out).__name__}, not a torch.Tensor"
    elif not _requires_grad(out):
        result["backward_error"] = "the result does not require grad (it was detached)"
    else:
        try:
            # (out * g).sum().backward() == out.backward(g), without the lazy sympy import a
            # non-scalar backward triggers on first use
            target = out if cotangent is None else (out * tensor(cotangent, out.dtype)).sum()
            target.backward()
        except RuntimeError as exc:
            result["backward_error"] = str(exc)[:300]
    for name, t in tensors.items():
        result[f"grad_{name}"] = getattr(t, "grad", None)
    return result
