"""LSTM forward pass in numpy with torch's gate order (i, f, g, o)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torch.nn.LSTM",
    "torch.nn.LSTMCell",
    "torch.nn.modules.rnn",
    "torch.lstm",
    "torch.lstm_cell",
    "torch._VF",
)
ARGS = ("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh")
# Gate orders a candidate might use by mistake (blocks of the 4H rows, torch order is "ifgo").
WRONG_ORDERS = ("ifog", "igfo", "figo", "oifg", "giof")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def reference(args: tuple[np.ndarray, ...], order: str = "ifgo", tanh_c: bool = True):
    """float64 LSTM on ``ARGS``; ``order`` names the gate of each row block (torch: i, f, g, o)."""
    x, h0, c0, w_ih, w_hh, b_ih, b_hh = args
    h, c = h0, c0
    outputs = []
    for x_t in x:
        blocks = np.split(x_t @ w_ih.T + b_ih + h @ w_hh.T + b_hh, 4, axis=-1)
        gate = dict(zip(order, blocks, strict=True))
        i, f, o = _sigmoid(gate["i"]), _sigmoid(gate["f"]), _sigmoid(gate["o"])
        c = f * c + i * np.tanh(gate["g"])
        h = o * np.tanh(c) if tanh_c else o * c
        outputs.append(h)
    return np.stack(outputs), h, c


def _hint(got: np.ndarray, args: tuple[np.ndarray, ...]) -> str:
    for order in WRONG_ORDERS:
        if np.allclose(got, reference(args, order=order)[0], rtol=1e-6, atol=1e-8):
            return (f" — this matches gate order {', '.join(order)}; torch.nn.LSTM stacks the "
                    "rows of W_ih / W_hh / biases as i, f, g, o")
    if np.allclose(got, reference(args, tanh_c=False)[0], rtol=1e-6, atol=1e-8):
        return " — this matches h_t = o * c_t; the hidden state is h_t = o * tanh(c_t)"
    return ""


def _check(args: tuple[np.ndarray, ...]):
    expected_out, expected_h, expected_c = reference(args)

    def check(outputs: Outputs) -> None:
        out = compare.as_array(outputs, "outputs", "any", "outputs")
        h_t = compare.as_array(outputs, "h_T", "any", "h_T")
        c_t = compare.as_array(outputs, "c_T", "any", "c_T")
        try:
            compare.assert_close("outputs", out, expected_out, compare.F64_TOL)
        except CaseFailure as failure:
            hint = _hint(out, args) if out.shape == expected_out.shape else ""
            raise CaseFailure(str(failure) + hint) from None
        if h_t.shape == expected_c.shape and np.allclose(h_t, expected_c) \
                and np.allclose(c_t, expected_h):
            raise CaseFailure("h_T and c_T are swapped: return (outputs, (h_T, c_T))")
        compare.assert_close("h_T", h_t, expected_h, compare.F64_TOL)
        compare.assert_close("c_T", c_t, expected_c, compare.F64_TOL)

    return check


def _case(name: str, rng: np.random.Generator, t: int, n: int, d: int, h: int,
          zero_state: bool = False) -> Case:
    bound = 1.0 / np.sqrt(h)
    x = rng.standard_normal((t, n, d))
    h0 = np.zeros((n, h)) if zero_state else rng.uniform(-1, 1, (n, h))
    c0 = np.zeros((n, h)) if zero_state else rng.standard_normal((n, h))
    w_ih = rng.uniform(-bound, bound, (4 * h, d)) * 2
    w_hh = rng.uniform(-bound, bound, (4 * h, h)) * 2
    b_ih = rng.uniform(-bound, bound, 4 * h)
    b_hh = rng.uniform(-bound, bound, 4 * h)
    args = (x, h0, c0, w_ih, w_hh, b_ih, b_hh)
    return Case(name=name, payload=dict(zip(ARGS, args, strict=True)), check=_check(args))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261203)
    specs: list[tuple[Any, ...]] = [
        # name, T, N, D, H
        ("single_time_step", 1, 2, 3, 4),
        ("batch1_odd_length", 5, 1, 3, 4),
        ("input_size_differs_from_hidden", 6, 3, 7, 5),
        ("input_size_equals_hidden", 4, 2, 4, 4),
        ("long_sequence_t25", 25, 2, 5, 6),
        ("hidden_larger_than_input", 7, 4, 2, 9),
    ]
    cases = [_case(name, rng, *spec) for name, *spec in specs]
    cases.append(_case("zero_initial_state", rng, 5, 2, 3, 3, zero_state=True))
    return cases


PROBLEM = Problem(
    id="lstm_forward",
    title_zh="LSTM 前向传播（numpy 实现）",
    title_en="LSTM forward pass in numpy",
    difficulty="medium",
    tags=("lstm", "rnn", "sequence", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
