"""Trusted-side checks for the problems whose results must support ``backward()`` (wave 2).

"Supports backward" (``problems-wave2.md``): the returned loss is a 0-d tensor and, after
``loss.backward()``, the gradient of every differentiable input (and of every trainable parameter
of a module) equals what autograd gives for the reference formula. Here:

* :func:`autograd` evaluates a float64 torch formula and its gradients (the expected values);
* :func:`scalar_loss` unwraps a returned loss, insisting on a 0-d tensor;
* :func:`check_grads` compares the gradients a driver collected (see
  ``evaluators/drivers/_common_grad.py``), with messages that say why a gradient is missing.

Never imported by drivers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import CaseFailure, Outputs

Hint = ca.Hint
NOT_CONNECTED = ("the loss is not connected to the inputs: build it from the input tensors with "
                 "torch ops (no .item(), .detach(), .numpy() or torch.tensor(...) on the way)")


def autograd(formula: Callable[..., Any], arrays: Mapping[str, Any], wrt: Iterable[str],
             cotangent: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``formula(**tensors)`` in float64 and the gradients of the names in ``wrt``.

    Floating arrays become float64 tensors (integer and bool arrays keep their dtype, Python
    scalars stay scalars). A non-scalar result is reduced as ``(out * cotangent).sum()``.
    """
    import torch

    wanted = set(wrt)
    tensors: dict[str, Any] = {}
    for name, value in arrays.items():
        if isinstance(value, np.ndarray):
            dtype = torch.float64 if value.dtype.kind == "f" else None
            t = torch.from_numpy(np.array(value, copy=True))
            t = t.to(dtype) if dtype is not None else t
            tensors[name] = t.requires_grad_(name in wanted)
        else:
            tensors[name] = value
    out = formula(**tensors)
    total = out if cotangent is None else (out * torch.from_numpy(cotangent).double()).sum()
    total.backward()
    grads = {}
    for name in wanted:
        grad = tensors[name].grad
        grads[name] = np.zeros(tensors[name].shape) if grad is None else grad.numpy()
    return out.detach().numpy(), grads


def scalar_loss(outputs: Outputs, key: str = "loss", what: str = "the loss") -> np.ndarray:
    """The returned loss as a 0-d float64 array; a 0-d torch tensor is required."""
    got = compare.as_array(outputs, key, "tensor", what)
    if got.shape != ():
        raise CaseFailure(f"{what} should be a 0-d tensor (a scalar: reduce with .mean() or "
                          f".sum()), got shape {tuple(got.shape)}")
    return got.astype(np.float64)


def check_backward_ran(outputs: Outputs, advice: str = NOT_CONNECTED) -> None:
    error = compare.to_python(compare.get(outputs, "backward_error"))
    if error:
        raise CaseFailure(f"loss.backward() failed: {error} — {advice}")


def check_grads(outputs: Outputs, expected: Mapping[str, np.ndarray],
                labels: Mapping[str, str] | None = None,
                hints: Mapping[str, list[Hint]] | None = None,
                advice: str = NOT_CONNECTED) -> None:
    """Each ``grad_<name>`` output must equal ``expected[name]`` (float32 tolerance)."""
    check_backward_ran(outputs, advice)
    for name, want in expected.items():
        label = f"{(labels or {}).get(name, name)}.grad"
        value = compare.get(outputs, f"grad_{name}")
        if value.get("type") == "none":
            if not np.any(want):
                continue  # no gradient expected (e.g. every token clipped): None is fine
            raise CaseFailure(f"after loss.backward(), {label} is None: {advice}")
        got = compare.as_array(outputs, f"grad_{name}", "tensor", label)
        ca.assert_close_hinted(label, got, want, (hints or {}).get(name, ()))


def check_detached(outputs: Outputs, key: str, label: str, why: str) -> None:
    if compare.get(outputs, key).get("requires_grad"):
        raise CaseFailure(f"{label} still requires grad: {why}")


def check_after_reload(outputs: Outputs, expected: np.ndarray, key: str = "output") -> None:
    """A module's output after the grader overwrote its parameters a second time."""
    label = "output after the weights changed"
    got = compare.as_array(outputs, key, "tensor", label)
    try:
        compare.assert_close(label, got, expected)
    except CaseFailure as failure:
        raise CaseFailure(f"{failure} — the grader changed the parameters in place between two "
                          "calls; read them in forward and cache nothing derived from "
                          "them") from None
