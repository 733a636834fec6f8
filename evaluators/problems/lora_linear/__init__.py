"""LoRA linear layer: frozen base, zero-initialised B, alpha / r scaling, an idempotent merge."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.common_grad import autograd, check_after_reload, check_grads
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ()
F64 = np.float64


def lora(x: np.ndarray, p: dict[str, np.ndarray], scaling: float) -> np.ndarray:
    x = x.astype(F64)
    base = x @ p["base.weight"].astype(F64).T + p["base.bias"].astype(F64)
    return base + scaling * (x @ p["lora_A"].astype(F64).T) @ p["lora_B"].astype(F64).T


def _torch_lora(x, weight, bias, lora_A, lora_B, scaling):
    return x @ weight.T + bias + scaling * (x @ lora_A.T) @ lora_B.T


def _params(rng: np.random.Generator, d_in: int, d_out: int, r: int) -> dict[str, np.ndarray]:
    return {"base.weight": rng.standard_normal((d_out, d_in)) / np.sqrt(d_in),
            "base.bias": 0.3 * rng.standard_normal(d_out),
            "lora_A": rng.standard_normal((r, d_in)) / np.sqrt(d_in),
            "lora_B": rng.standard_normal((d_out, r))}


def _f32(p: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: v.astype(np.float32) for k, v in p.items()}


def _scaling_hints(x: np.ndarray, p: dict[str, np.ndarray], r: int,
                   alpha: float) -> list[ca.Hint]:
    return [(f"the LoRA term looks scaled by {text}; scaling = alpha / r = {alpha / r:g}",
             partial(lora, x, p, s)) for text, s in
            (("alpha", alpha), ("1 (no scaling)", 1.0), ("r / alpha", r / alpha),
             ("1 / r", 1 / r), ("alpha / r²", alpha / r ** 2))]


# ------------------------------------------------------------------------------ structure

def _parameters(outputs: Outputs) -> dict[str, dict[str, Any]]:
    """The module's registered parameters by path, as exported (type, requires_grad, array)."""
    exported = compare.get(outputs, "parameters")
    return {str(compare.to_python(k)): v for k, v in exported.get("items", [])}


def _check_tensors(found: dict[str, dict[str, Any]], d_in: int, d_out: int, r: int) -> None:
    shapes = {"base.weight": [d_out, d_in], "base.bias": [d_out], "lora_A": [r, d_in],
              "lora_B": [d_out, r]}
    for path, want in shapes.items():
        if path not in found:
            raise CaseFailure(f"`{path}` is not a registered parameter of LoRALinear (found "
                              f"{sorted(found)}): use nn.Linear for base and nn.Parameter for "
                              "lora_A / lora_B, assigned as attributes in __init__")
        info = found[path]
        if info.get("type") != "tensor" or not info.get("parameter"):
            raise CaseFailure(f"`{path}` must be a plain nn.Parameter, got "
                              f"{info.get('repr', 'a tensor that is not an nn.Parameter')}")
        shape = list(np.shape(info["array"]))
        if shape != want:
            raise CaseFailure(f"`{path}` has shape {tuple(shape)}, expected {tuple(want)}"
                              f" (in_features={d_in}, out_features={d_out}, r={r})")
    for path in ("base.weight", "base.bias"):
        if found[path]["requires_grad"]:
            raise CaseFailure(f"`{path}` requires grad: freeze the base layer "
                              "(base.weight.requires_grad_(False), the same for the bias)")
    for path in ("lora_A", "lora_B"):
        if not found[path]["requires_grad"]:
            raise CaseFailure(f"`{path}` must be a trainable nn.Parameter")


def _check_structure(outputs: Outputs, d_in: int, d_out: int, r: int, alpha: float) -> None:
    found = _parameters(outputs)
    _check_tensors(found, d_in, d_out, r)
    trainable = sorted(path for path, info in found.items() if info.get("requires_grad"))
    if trainable != ["lora_A", "lora_B"]:
        raise CaseFailure(f"the parameters with requires_grad=True are {trainable}; they must be "
                          "exactly lora_A and lora_B")
    scaling = compare.to_python(compare.get(outputs, "scaling"))
    if not isinstance(scaling, (int, float)) or not np.isclose(scaling, alpha / r):
        raise CaseFailure(f"`scaling` is {scaling!r}; it should be alpha / r = {alpha:g} / {r} = "
                          f"{alpha / r:g}")
    if np.any(found["lora_B"]["array"]):
        raise CaseFailure("lora_B is not initialised to zeros: with B = 0 a fresh module equals "
                          "its base layer (the pretrained output is unchanged at step 0)")
    if not np.any(found["lora_A"]["array"]):
        raise CaseFailure("lora_A is all zeros: initialise it randomly (e.g. kaiming_uniform_); "
                          "with A = B = 0 both gradients are zero and LoRA never trains")
    base_out = compare.as_array(outputs, "base_output", "tensor", "base(x)")
    got = ca.tensor_output(outputs, "output", "fresh module output")
    compare.assert_close("fresh module output (must equal base(x))", got, base_out)


def _structure_case(name: str, rng: np.random.Generator, d_in: int, d_out: int, r: int,
                    alpha: float) -> Case:
    x = rng.standard_normal((3, d_in)).astype(np.float32)
    payload = {"args": [d_in, d_out, r, alpha], "params": None, "x": x}
    return Case(name=name, payload=payload, op="structure", weight=2.0,
                check=lambda outputs: _check_structure(outputs, d_in, d_out, r, alpha))


# ------------------------------------------------------------------------------ forward, grads

def _check_run(outputs: Outputs, x: np.ndarray, p: dict[str, np.ndarray], g: np.ndarray, r: int,
               alpha: float) -> None:
    got = ca.tensor_output(outputs, "output")
    ca.assert_close_hinted("output", got, lora(x, p, alpha / r), _scaling_hints(x, p, r, alpha))
    for path in ("base.weight", "base.bias"):
        grad = compare.get(outputs, f"grad_{path}")
        if grad.get("type") != "none" and np.any(compare.as_array(outputs, f"grad_{path}")):
            raise CaseFailure(f"{path} received a gradient: the base layer must be frozen "
                              "(requires_grad=False), only lora_A and lora_B train")
    arrays = {"x": x, "weight": p["base.weight"], "bias": p["base.bias"],
              "lora_A": p["lora_A"], "lora_B": p["lora_B"], "scaling": alpha / r}
    _, grads = autograd(_torch_lora, arrays, ("lora_A", "lora_B"), g)
    check_grads(outputs, grads)


def _run_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], d_out: int, r: int,
              alpha: float, weight: float = 2.0) -> Case:
    d_in = shape[-1]
    x = rng.standard_normal(shape).astype(np.float32)
    p = _f32(_params(rng, d_in, d_out, r))
    g = rng.standard_normal((*shape[:-1], d_out)).astype(np.float32)
    payload = {"args": [d_in, d_out, r, alpha], "params": p, "x": x, "cotangent": g}
    return Case(name=name, payload=payload, weight=weight,
                check=lambda outputs: _check_run(outputs, x, p, g, r, alpha))


# ------------------------------------------------------------------------------ merge

def _check_merge(outputs: Outputs, x: np.ndarray, p: dict[str, np.ndarray], r: int,
                 alpha: float) -> None:
    scaling = alpha / r
    before = lora(x, p, scaling)
    delta = p["lora_B"].astype(F64) @ p["lora_A"].astype(F64)
    merged = p["base.weight"].astype(F64) + scaling * delta
    ca.assert_close_hinted("output before merge()", ca.tensor_output(outputs, "before"), before,
                           _scaling_hints(x, p, r, alpha))
    ca.assert_close_hinted(
        "base.weight after merge()", ca.tensor_output(outputs, "weight_1"), merged,
        [("the update was added without scaling: base.weight += scaling * lora_B @ lora_A",
          lambda: merged - scaling * delta + delta),
         ("base.weight did not change: merge() must update it in place",
          lambda: p["base.weight"].astype(F64))])
    twice = ("the LoRA update is applied twice after merge(): once in base.weight, once more "
             "by the LoRA branch — skip the branch once merged (keep a `merged` flag)")
    ca.assert_close_hinted("output after merge()", ca.tensor_output(outputs, "output_1"), before,
                           [(twice, lambda: lora(x, p, 2 * scaling))])
    ca.assert_close_hinted(
        "base.weight after a second merge()", ca.tensor_output(outputs, "weight_2"), merged,
        [("the second merge() added the update again: merge() must be a no-op once merged",
          lambda: merged + scaling * delta)])
    ca.assert_close_hinted("output after a second merge()", ca.tensor_output(outputs, "output_2"),
                           before)


def _merge_case(name: str, rng: np.random.Generator, d_in: int, d_out: int, r: int,
                alpha: float) -> Case:
    x = rng.standard_normal((4, d_in)).astype(np.float32)
    p = _f32(_params(rng, d_in, d_out, r))
    payload = {"args": [d_in, d_out, r, alpha], "params": p, "x": x}
    return Case(name=name, payload=payload, op="merge", weight=2.0,
                check=lambda outputs: _check_merge(outputs, x, p, r, alpha))


def _reload_case(name: str, rng: np.random.Generator) -> Case:
    d_in, d_out, r, alpha = 6, 5, 2, 4.0
    x = rng.standard_normal((2, 3, d_in)).astype(np.float32)
    first, second = _f32(_params(rng, d_in, d_out, r)), _f32(_params(rng, d_in, d_out, r))
    expected = lora(x, second, alpha / r)
    payload = {"args": [d_in, d_out, r, alpha], "params": first, "params2": second, "x": x}
    return Case(name=name, payload=payload, op="reload", weight=1.0,
                check=lambda outputs: check_after_reload(outputs, expected))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270103)
    return [
        _structure_case("structure_frozen_base_zero_B_scaling", rng, 10, 6, 4, 8),
        _structure_case("structure_r1_alpha1_odd_sizes", rng, 7, 3, 1, 1),
        _run_case("forward_and_grads_b2_l5", rng, (2, 5, 10), 6, 4, 8),
        _run_case("forward_and_grads_batch1_r1", rng, (1, 7), 3, 1, 1, weight=1.0),
        _run_case("forward_and_grads_r8_alpha4", rng, (3, 12), 9, 8, 4),
        _run_case("forward_and_grads_r16_alpha32_3d", rng, (2, 3, 20), 16, 16, 32),
        _merge_case("merge_keeps_outputs_and_is_idempotent", rng, 10, 6, 4, 8),
        _merge_case("merge_r8_alpha4", rng, 12, 9, 8, 4),
        _reload_case("parameters_changed_between_calls", rng),
    ]


PROBLEM = Problem(
    id="lora_linear",
    title_zh="LoRA 线性层",
    title_en="LoRA linear layer",
    difficulty="medium",
    tags=("lora", "peft", "fine-tuning", "llm", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
