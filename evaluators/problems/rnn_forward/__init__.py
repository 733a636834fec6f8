"""Vanilla (Elman) RNN forward pass in numpy, equal to ``torch.nn.RNN`` with tanh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torch.nn.RNN",
    "torch.nn.RNNCell",
    "torch.nn.modules.rnn",
    "torch.rnn_tanh",
    "torch.rnn_tanh_cell",
    "torch._VF",
)


def reference(x: np.ndarray, h0: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray,
              b_ih: np.ndarray, b_hh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """float64 unrolled recurrence h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)."""
    h = h0
    outputs = []
    for x_t in x:
        h = np.tanh(x_t @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
        outputs.append(h)
    return np.stack(outputs), h


def _check(args: tuple[np.ndarray, ...]):
    expected_out, expected_h = reference(*args)
    steps = len(args[0])

    def check(outputs: Outputs) -> None:
        out = compare.as_array(outputs, "outputs", "any", "outputs")
        h_t = compare.as_array(outputs, "h_T", "any", "h_T")
        if out.ndim == 3 and out.shape[0] == steps + 1 and out.shape[1:] == expected_out.shape[1:]:
            raise CaseFailure(f"outputs: expected shape {expected_out.shape}, got {out.shape} — "
                              "outputs holds h_1 … h_T, not the initial state h0")
        compare.assert_close("outputs", out, expected_out, compare.F64_TOL)
        if h_t.shape == expected_h.shape and np.allclose(h_t, expected_out[0]) and steps > 1:
            raise CaseFailure("h_T equals the first step's hidden state; h_T is the state after "
                              "the last time step (outputs[-1])")
        compare.assert_close("h_T", h_t, expected_h, compare.F64_TOL)

    return check


def _case(name: str, rng: np.random.Generator, t: int, n: int, d: int, h: int,
          zero_h0: bool = False) -> Case:
    bound = 1.0 / np.sqrt(h)
    x = rng.standard_normal((t, n, d))
    h0 = np.zeros((n, h)) if zero_h0 else rng.uniform(-1, 1, (n, h))
    w_ih = rng.uniform(-bound, bound, (h, d)) * 1.5
    w_hh = rng.uniform(-bound, bound, (h, h)) * 1.5
    b_ih = rng.uniform(-bound, bound, h)
    b_hh = rng.uniform(-bound, bound, h)
    args = (x, h0, w_ih, w_hh, b_ih, b_hh)
    payload = dict(zip(("x", "h0", "W_ih", "W_hh", "b_ih", "b_hh"), args, strict=True))
    return Case(name=name, payload=payload, check=_check(args))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261202)
    specs: list[tuple[Any, ...]] = [
        # name, T, N, D, H
        ("single_time_step", 1, 2, 3, 4),
        ("batch1_odd_length", 5, 1, 3, 4),
        ("input_size_differs_from_hidden", 6, 3, 7, 5),
        ("input_size_equals_hidden", 4, 2, 4, 4),
        ("long_sequence_t30", 30, 2, 5, 6),
        ("hidden_larger_than_input", 7, 4, 2, 9),
    ]
    cases = [_case(name, rng, *spec) for name, *spec in specs]
    cases.append(_case("zero_initial_state", rng, 5, 2, 3, 3, zero_h0=True))
    return cases


PROBLEM = Problem(
    id="rnn_forward",
    title_zh="RNN 前向传播（numpy 实现）",
    title_en="RNN forward pass in numpy",
    difficulty="easy",
    tags=("rnn", "sequence", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
