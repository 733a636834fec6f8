"""SwiGLU FFN module: values and the gradients of its three bias-free weights."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_after_reload, check_grads
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
LINEARS = ("w_gate", "w_up", "w_down")
Params = dict[str, dict[str, np.ndarray | None]]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _gelu(z: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * z * (1.0 + erf(z / np.sqrt(2.0)))


ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "silu": lambda z: z * _sigmoid(z), "gelu": _gelu, "sigmoid": _sigmoid,
    "relu": lambda z: np.maximum(z, 0.0), "none": lambda z: z}


def swiglu(x: np.ndarray, p: Params, act: str = "silu", on_up: bool = False) -> np.ndarray:
    """float64 SwiGLU; ``act`` and ``on_up`` reproduce classic mistakes."""
    x = x.astype(np.float64)
    gate = x @ p["w_gate"]["weight"].astype(np.float64).T  # type: ignore[union-attr]
    up = x @ p["w_up"]["weight"].astype(np.float64).T  # type: ignore[union-attr]
    f = ACTIVATIONS[act]
    hidden = gate * f(up) if on_up else f(gate) * up
    return hidden @ p["w_down"]["weight"].astype(np.float64).T  # type: ignore[union-attr]


def _torch_swiglu(x, w_gate, w_up, w_down):
    import torch.nn.functional as F

    return F.linear(F.silu(F.linear(x, w_gate)) * F.linear(x, w_up), w_down)


def _hints(x: np.ndarray, p: Params) -> list[ca.Hint]:
    return [
        ("SiLU looks applied to the up branch instead of the gate: "
         "w_down(silu(w_gate(x)) * w_up(x))", lambda: swiglu(x, p, on_up=True)),
        ("the gate activation looks missing (a bilinear GLU): apply silu to w_gate(x)",
         lambda: swiglu(x, p, "none")),
        ("the gate uses sigmoid (GLU) instead of SiLU = z * sigmoid(z)",
         lambda: swiglu(x, p, "sigmoid")),
        ("the gate uses GELU (GeGLU) instead of SiLU", lambda: swiglu(x, p, "gelu")),
        ("the gate uses ReLU (ReGLU) instead of SiLU", lambda: swiglu(x, p, "relu")),
    ]


def _params(rng: np.random.Generator, d_model: int, d_hidden: int) -> Params:
    def weight(d_out: int, d_in: int) -> np.ndarray:
        return (rng.standard_normal((d_out, d_in)) / np.sqrt(d_in)).astype(np.float32)

    return {"w_gate": {"weight": weight(d_hidden, d_model), "bias": None},
            "w_up": {"weight": weight(d_hidden, d_model), "bias": None},
            "w_down": {"weight": weight(d_model, d_hidden), "bias": None}}


def _check(x: np.ndarray, p: Params, g: np.ndarray):
    expected = swiglu(x, p)
    arrays = {"x": x, **{name: p[name]["weight"] for name in LINEARS}}
    _, grads = autograd(_torch_swiglu, arrays, LINEARS, g)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output")
        ca.assert_close_hinted("output", got, expected, _hints(x, p))
        check_grads(outputs, {f"{n}.weight": grads[n] for n in LINEARS},
                    advice="compute forward from the layers' weights with torch ops")

    return check


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], d_hidden: int,
          weight: float = 2.0) -> Case:
    d_model = shape[-1]
    x = rng.standard_normal(shape).astype(np.float32)
    p = _params(rng, d_model, d_hidden)
    g = rng.standard_normal(shape).astype(np.float32)
    payload = {"args": [d_model, d_hidden], "linears": p, "x": x, "cotangent": g}
    return Case(name=name, payload=payload, check=_check(x, p, g), weight=weight)


def _reload_case(name: str, rng: np.random.Generator) -> Case:
    shape, d_hidden = (2, 3, 6), 10
    x = rng.standard_normal(shape).astype(np.float32)
    first, second = _params(rng, 6, d_hidden), _params(rng, 6, d_hidden)
    expected = swiglu(x, second)

    def check(outputs: Outputs) -> None:
        check_after_reload(outputs, expected)

    payload = {"args": [6, d_hidden], "linears": first, "linears2": second, "x": x}
    return Case(name=name, payload=payload, check=check, op="reload", weight=1.0)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270102)
    return [
        _case("sequence_b2_l5_d8_h12", rng, (2, 5, 8), 12),
        _case("batch1_odd_length_l7_d6_h10", rng, (1, 7, 6), 10),
        _case("matrix_n4_d16_h24", rng, (4, 16), 24),
        _case("single_vector_d8_h5", rng, (8,), 5, weight=1.0),
        _case("four_dims_d4_h11", rng, (2, 2, 3, 4), 11, weight=1.0),
        _case("hidden_smaller_than_model_d32_h8", rng, (3, 32), 8),
        _reload_case("weights_changed_between_calls", rng),
    ]


PROBLEM = Problem(
    id="swiglu_ffn",
    title_zh="SwiGLU 前馈层",
    title_en="SwiGLU feed-forward block",
    difficulty="easy",
    tags=("ffn", "activation", "llm", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
