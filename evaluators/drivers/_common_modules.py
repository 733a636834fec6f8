"""Driver-side helpers for the nn.Module problems of wave 2 (runs in the sandbox).

Modules with fixed attribute names get their parameters overwritten in place after construction
(random values, under ``torch.no_grad()``), so ``forward`` must read them at call time. These
helpers build the candidate's module, find the named layers (``"experts.2.fc1"`` paths included)
and copy values in, raising :class:`SubmissionError` that says what is missing or misshaped.
No reference logic lives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import torch

from evaluators.driver_api import SubmissionError, require


def build(ns: dict[str, Any], class_name: str, args: list[Any]) -> torch.nn.Module:
    cls = require(ns, class_name, "class")
    module = cls(*args)
    if not isinstance(module, torch.nn.Module):
        raise SubmissionError(f"`{class_name}` must subclass torch.nn.Module")
    return module


def attribute(module: Any, path: str) -> Any:
    """``module.a.b.0.c`` by dotted path; SubmissionError naming the first missing part."""
    owner, current = type(module).__name__, module
    for part in path.split("."):
        try:
            current = current[int(part)] if part.isdigit() else getattr(current, part)
        except (AttributeError, IndexError, KeyError, TypeError):
            raise SubmissionError(f"`{owner}` has no `{path}` (missing `{part}`)") from None
    return current


def _copy(label: str, target: Any, value: np.ndarray) -> None:
    if not isinstance(target, torch.Tensor):
        raise SubmissionError(f"`{label}` should be a tensor, got {type(target).__name__}")
    if tuple(target.shape) != tuple(value.shape):
        raise SubmissionError(f"`{label}` has shape {tuple(target.shape)}, expected "
                              f"{tuple(value.shape)}")
    with torch.no_grad():
        target.copy_(torch.from_numpy(np.array(value)))


def set_linear(module: Any, path: str, weight: np.ndarray, bias: np.ndarray | None) -> Any:
    """Overwrite ``module.<path>`` (an nn.Linear); ``bias=None`` means it must have no bias."""
    d_out, d_in = weight.shape
    want = f"nn.Linear({d_in}, {d_out}{', bias=False' if bias is None else ''})"
    owner = type(module).__name__
    layer = attribute(module, path)
    if not isinstance(layer, torch.nn.Linear):
        raise SubmissionError(f"`{owner}.{path}` should be {want}, got {type(layer).__name__}")
    _copy(f"{owner}.{path}.weight", layer.weight, weight)
    if bias is None:
        if layer.bias is not None:
            raise SubmissionError(f"`{owner}.{path}` must have no bias ({want})")
    elif layer.bias is None:
        raise SubmissionError(f"`{owner}.{path}` must have a bias ({want} with bias=True)")
    else:
        _copy(f"{owner}.{path}.bias", layer.bias, bias)
    return layer


def set_parameter(module: Any, path: str, value: np.ndarray) -> Any:
    """Overwrite tensor attribute ``module.<path>`` in place (shape must match)."""
    target = attribute(module, path)
    _copy(f"{type(module).__name__}.{path}", target, value)
    return target


def load_linears(module: Any, linears: Mapping[str, Mapping[str, Any]]) -> None:
    """``{path: {"weight": W, "bias": b or None}}`` for every named linear layer."""
    for path, p in linears.items():
        set_linear(module, path, p["weight"], p.get("bias"))


def grads_of(module: Any, paths: list[str]) -> dict[str, Any]:
    """``grad_<path>`` for each parameter path (None where no gradient arrived)."""
    return {f"grad_{path}": attribute(module, path).grad for path in paths}
