"""Driver for `lora_linear` (runs inside the sandbox).

What is trainable, what is frozen and what ``merge()`` did to the base weight are decided on the
trusted side from the module's *registered* parameters themselves
(:func:`evaluators.driver_api.registered_tensors`: read from ``nn.Module``'s own registries,
never through the module's attribute lookup or ``named_parameters``, which a submission can
override), exported with their real ``requires_grad`` and exact type. ``base(x)`` is computed
with the linear function captured at import, on those registered tensors.
"""

from __future__ import annotations

from typing import Any

import torch

from evaluators.driver_api import SubmissionError, is_plain_tensor, registered_tensors, tensor
from evaluators.drivers._common_grad import backward
from evaluators.drivers._common_modules import build, set_linear, set_parameter

CLASS = "LoRALinear"
TENSORS = ("base.weight", "base.bias", "lora_A", "lora_B")
_linear = torch._C._nn.linear  # captured before any candidate code runs
_no_function, _no_dispatch = torch._C.DisableTorchFunction, torch._C._DisableTorchDispatch
_clone = torch._C.TensorBase.clone


def _module(ns: dict[str, Any], payload: dict[str, Any], key: str = "params") -> Any:
    module = build(ns, CLASS, payload["args"])
    if payload.get(key) is not None:
        _load(module, payload[key])
    return module


def _load(module: Any, params: dict[str, Any]) -> None:
    set_linear(module, "base", params["base.weight"], params["base.bias"])
    for name in ("lora_A", "lora_B"):
        set_parameter(module, name, params[name])


def _registered(module: Any) -> dict[str, Any]:
    return registered_tensors(module, buffers=False)


def _copy(value: Any) -> Any:
    """A detached copy of a plain tensor, taken in C (anything else as it is)."""
    if not is_plain_tensor(value):
        return value
    with _no_function(), _no_dispatch(), torch.no_grad():
        return _clone(value).detach()


def structure(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The freshly built module: its registered parameters, first output and base(x)."""
    module = _module(ns, payload)
    x = tensor(payload["x"])
    with torch.no_grad():
        out = module(x)
    params = _registered(module)
    weight, bias = params.get("base.weight"), params.get("base.bias")
    base_out = None
    if is_plain_tensor(weight) and is_plain_tensor(bias):
        with _no_function(), _no_dispatch(), torch.no_grad():
            base_out = _linear(x, weight, bias)  # type: ignore[arg-type]
    return {"parameters": params, "scaling": getattr(module, "scaling", None),
            "output": out, "base_output": base_out}


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Set all four tensors, forward, backward with a fixed cotangent."""
    module = _module(ns, payload)
    out = module(tensor(payload["x"]))
    params = _registered(module)
    tensors = {path: params.get(path) for path in TENSORS}
    return {"output": out, **backward(out, tensors, payload["cotangent"])}


def merge(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Output before merge(), the registered base weight and the output after one merge() and
    after a second."""
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
            result[f"weight_{i}"] = _copy(_registered(module).get("base.weight"))
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
