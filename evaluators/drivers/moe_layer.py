"""Driver for `moe_layer` (runs inside the sandbox).

``dispatch`` swaps the candidate's experts for the grader's own, which record every input they
are called on, so the trusted side can check sparse dispatch from the rows themselves. What an
expert received must not be forgeable from the submission, which runs in the same process and
holds the experts. So each grader expert is a generator (:func:`_expert`): its ``forward`` is
the generator's ``send``, and everything it keeps — the weights it computes with, and the log it
appends ``(expert, rows)`` to — lives in the generator's frame and in ``dispatch``'s, both
unreachable from Python code (reading ``gi_frame`` or walking the heap is refused by the
sandbox's audit guard). A submission can *add* to the log only by calling an expert, which is
what the log is meant to record; it cannot remove or rewrite entries. Rows are copied with
C-level tensor functions captured at import, and a call made with a tensor subclass or while a
torch function/dispatch mode is active is logged as such (the trusted side fails it).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import numpy as np
import torch

from evaluators.driver_api import tensor
from evaluators.drivers._common_grad import backward
from evaluators.drivers._common_modules import build, grads_of, load_linears

CLASS = "MoE"
# captured before any candidate code runs
_Tensor, _type = torch.Tensor, type
_linear, _gelu = torch._C._nn.linear, torch._C._nn.gelu
_detach, _numpy = torch._C.TensorBase.detach, torch._C.TensorBase.numpy
_no_function, _no_dispatch = torch._C.DisableTorchFunction, torch._C._DisableTorchDispatch
_function_depth = torch._C._len_torch_function_stack
_dispatch_depth = torch._C._len_torch_dispatch_stack
_copy = np.array


def _expert(index: int, weights: tuple[Any, ...], log: list[Any]) -> Generator[Any, Any, None]:
    """One grader expert, ``fc2(GELU(fc1(h)))``, logging what it receives (see the module doc)."""
    w1, b1, w2, b2 = weights
    out = None
    while True:
        h = yield out
        if _type(h) is not _Tensor or _function_depth() or _dispatch_depth():
            log.append((index, None))  # not a plain call: the trusted side says so
            out = None
            continue
        with _no_function(), _no_dispatch():
            log.append((index, _copy(_numpy(_detach(h)), copy=True)))
            out = _linear(_gelu(_linear(h, w1, b1)), w2, b2)


class GraderExpert(torch.nn.Module):
    """A module whose ``forward`` is a grader expert generator's ``send``."""

    def __init__(self, linears: dict[str, dict[str, np.ndarray]], index: int,
                 log: list[Any]) -> None:
        super().__init__()
        self.fc1 = _layer(linears[f"experts.{index}.fc1"])
        self.fc2 = _layer(linears[f"experts.{index}.fc2"])
        weights = (self.fc1.weight, self.fc1.bias, self.fc2.weight, self.fc2.bias)
        loop = _expert(index, weights, log)
        next(loop)
        self.forward = loop.send


def _layer(p: dict[str, np.ndarray]) -> torch.nn.Linear:
    d_out, d_in = p["weight"].shape
    layer = torch.nn.Linear(d_in, d_out)
    with torch.no_grad():
        layer.weight.copy_(tensor(p["weight"]))
        layer.bias.copy_(tensor(p["bias"]))
    return layer


def _module(ns: dict[str, Any], payload: dict[str, Any]) -> Any:
    module = build(ns, CLASS, payload["args"])
    load_linears(module, payload["linears"])
    return module


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Overwrite every parameter, forward, backward with a fixed cotangent."""
    module = _module(ns, payload)
    out = module(tensor(payload["x"]))
    paths = [f"{name}.{kind}" for name, p in payload["linears"].items()
             for kind in ("weight", "bias") if kind == "weight" or p.get("bias") is not None]
    return {"output": out, **backward(out, {}, payload["cotangent"]), **grads_of(module, paths)}


def dispatch(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Replace `experts` by the grader's; forward; report every call the experts received."""
    module = _module(ns, payload)
    log: list[Any] = []  # only this frame and the experts' generator frames hold it
    experts = [GraderExpert(payload["linears"], e, log) for e in range(payload["args"][2])]
    module.experts = torch.nn.ModuleList(experts)
    with torch.no_grad():
        out = module(tensor(payload["x"]))
    return {"output": out, "called": [entry[0] for entry in log],
            "received": [entry[1] for entry in log]}


def reload(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Forward once, overwrite every parameter again, forward again."""
    module = _module(ns, payload)
    x = tensor(payload["x"])
    with torch.no_grad():
        module(x)
        load_linears(module, payload["linears2"])
        return {"output": module(x)}
