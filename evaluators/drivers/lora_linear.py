"""Driver for `lora_linear` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from evaluators.driver_api import SubmissionError, tensor
from evaluators.drivers._common_grad import backward
from evaluators.drivers._common_modules import attribute, build, set_linear, set_parameter

CLASS = "LoRALinear"
TENSORS = ("base.weight", "base.bias", "lora_A", "lora_B")


def _module(ns: dict[str, Any], payload: dict[str, Any], key: str = "params") -> Any:
    module = build(ns, CLASS, payload["args"])
    if payload.get(key) is not None:
        _load(module, payload[key])
    return module


def _load(module: Any, params: dict[str, Any]) -> None:
    set_linear(module, "base", params["base.weight"], params["base.bias"])
    for name in ("lora_A", "lora_B"):
        set_parameter(module, name, params[name])


def _snapshot(module: Any, path: str) -> Any:
    value = attribute(module, path)
    return value.detach().clone() if isinstance(value, torch.Tensor) else value


def structure(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The freshly built module: shapes, frozen flags, trainable names, init and first output."""
    module = _module(ns, payload)
    base = attribute(module, "base")
    if not isinstance(base, torch.nn.Linear):
        raise SubmissionError(f"`{CLASS}.base` should be an nn.Linear, got {type(base).__name__}")
    found = {}
    for path in TENSORS:
        value = attribute(module, path)
        found[path] = {"shape": list(getattr(value, "shape", [])),
                       "is_parameter": isinstance(value, torch.nn.Parameter),
                       "requires_grad": bool(getattr(value, "requires_grad", False))}
    x = tensor(payload["x"])
    with torch.no_grad():
        out = module(x)
        base_out = F.linear(x, base.weight, base.bias)
    trainable = [name for name, p in module.named_parameters() if p.requires_grad]
    return {"tensors": found, "trainable": trainable, "scaling": getattr(module, "scaling", None),
            "lora_A": _snapshot(module, "lora_A"), "lora_B": _snapshot(module, "lora_B"),
            "output": out, "base_output": base_out}


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Set all four tensors, forward, backward with a fixed cotangent."""
    module = _module(ns, payload)
    out = module(tensor(payload["x"]))
    tensors = {path: attribute(module, path) for path in TENSORS}
    return {"output": out, **backward(out, tensors, payload["cotangent"])}


def merge(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Output before merge(), weight and output after one merge() and after a second."""
    module = _module(ns, payload)
    fn = getattr(module, "merge", None)
    if not callable(fn):
        raise SubmissionError(f"`{CLASS}` has no method `merge()`")
    x = tensor(payload["x"])
    with torch.no_grad():
        before = module(x)
    result: dict[str, Any] = {"before": before}
    for i in (1, 2):
        fn()
        with torch.no_grad():
            result[f"weight_{i}"] = _snapshot(module, "base.weight")
            result[f"output_{i}"] = module(x)
    return result


def reload(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Forward once, overwrite the parameters again, forward again."""
    module = _module(ns, payload)
    x = tensor(payload["x"])
    with torch.no_grad():
        module(x)
        _load(module, payload["params2"])
        return {"output": module(x)}
