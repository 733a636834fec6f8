"""Transformer MLP block: fc1 -> exact GELU -> (dropout) -> fc2 -> (dropout)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy.special import erf

from evaluators import common_attention as ca
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ("timm", "torchvision.ops.MLP", "torchvision.ops.misc.MLP")


def gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def gelu_tanh(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))


ACTIVATION_MISTAKES = (
    ("the output matches the tanh approximation of GELU; use the exact nn.GELU() "
     "(approximate='none')", gelu_tanh, False),
    ("the output matches ReLU; the activation must be nn.GELU()", lambda h: np.maximum(h, 0),
     False),
    ("the output matches no activation at all; apply nn.GELU() after fc1", lambda h: h, False),
    ("the output matches GELU applied after fc2 as well; return fc2's output (then dropout) "
     "without an activation", gelu, True),
)


def _forward(x: np.ndarray, params: ca.Params, act=gelu, act_after_fc2: bool = False):
    y = ca.linear(act(ca.linear(x, params["fc1"])), params["fc2"])
    return gelu(y) if act_after_fc2 else y


def _case(name: str, rng: np.random.Generator, args: list, x_shape: tuple[int, ...],
          x_scale: float = 1.5, weight: float = 2.0) -> Case:
    in_f = args[0]
    hidden = args[1] if len(args) > 1 and args[1] is not None else in_f
    out_f = args[2] if len(args) > 2 and args[2] is not None else in_f
    params = {"fc1": ca.make_linear(rng, in_f, hidden), "fc2": ca.make_linear(rng, hidden, out_f)}
    x = (x_scale * rng.standard_normal((*x_shape, in_f))).astype(np.float32)
    expected = _forward(x, params)

    def hint(act, after):  # bind the loop variables
        return lambda: _forward(x, params, act, after)

    hints = [(text, hint(act, after)) for text, act, after in ACTIVATION_MISTAKES]

    def check(outputs: Outputs) -> None:
        ca.assert_close_hinted("output", ca.tensor_output(outputs, "output"), expected, hints)

    payload = {"args": args, "params": params, "x": x}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    return [
        _case("hidden_and_out_default_to_in", rng, [8], (2, 5)),
        _case("defaults_odd_size_2d_input", rng, [5], (6,), weight=1.0),
        _case("wider_hidden", rng, [8, 32], (2, 3)),
        _case("out_features_differs_2d_input", rng, [12, 20, 5], (4,)),
        _case("narrow_hidden_odd_sizes", rng, [24, 6, 10], (2, 7)),
        _case("batch1_single_token", rng, [16, 64, 16], (1, 1), weight=1.0),
        _case("explicit_drop_zero", rng, [8, 16, 8, 0.0], (3,), weight=1.0),
        _case("large_activations", rng, [16, 48], (2, 4), x_scale=3.0),
    ]


PROBLEM = Problem(
    id="mlp_block",
    title_zh="Transformer 的 MLP 块",
    title_en="Transformer MLP block",
    difficulty="easy",
    tags=("transformer", "pytorch", "mlp"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
