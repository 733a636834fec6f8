"""Learnable absolute position encoding: x + pe[:L] with pe an nn.Parameter."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem


def _inputs(rng: np.random.Generator, batch: int, length: int, max_len: int, d_model: int):
    pe = rng.standard_normal((max_len, d_model)).astype(np.float32)
    x = rng.standard_normal((batch, length, d_model)).astype(np.float32)
    return pe, x


def _forward_case(name: str, rng: np.random.Generator, batch: int, length: int, max_len: int,
                  d_model: int, weight: float = 2.0) -> Case:
    pe, x = _inputs(rng, batch, length, max_len, d_model)
    expected = x.astype(np.float64) + pe[:length]
    hints = [
        ("pe looks sliced by the batch size x.size(0); slice it by the sequence length "
         "x.size(1)", lambda: x.astype(np.float64) + pe[:batch]),
        ("the output looks like pe[:L] alone; return x + pe[:L]",
         lambda: np.broadcast_to(pe[:length], x.shape)),
    ]

    def check(outputs: Outputs) -> None:
        ca.assert_close_hinted("output", ca.tensor_output(outputs, "output"), expected, hints)

    payload = {"args": [max_len, d_model], "pe": pe, "x": x}
    return Case(name=name, payload=payload, check=check, weight=weight)


def _grad_case(name: str, rng: np.random.Generator) -> Case:
    batch, length, max_len, d_model = 3, 4, 6, 5
    pe, x = _inputs(rng, batch, length, max_len, d_model)
    grad = rng.standard_normal((batch, length, d_model)).astype(np.float32)
    expected = np.zeros((max_len, d_model))
    expected[:length] = grad.astype(np.float64).sum(axis=0)

    def check(outputs: Outputs) -> None:
        if not compare.to_python(compare.get(outputs, "pe_is_parameter")):
            raise CaseFailure("`pe` must be an nn.Parameter (it is a plain tensor), so that it "
                              "is trained")
        if not compare.to_python(compare.get(outputs, "pe_registered")):
            raise CaseFailure("`pe` is not among module.parameters(): assign the nn.Parameter "
                              "as an attribute of the module so optimizers see it")
        if compare.get(outputs, "pe_grad").get("type") == "none":
            raise CaseFailure("pe.grad is None after out.backward(g): use self.pe in forward "
                              "without detaching it (no .data / .detach() / torch.no_grad)")
        try:
            compare.assert_close("pe.grad", ca.tensor_output(outputs, "pe_grad"), expected)
        except CaseFailure as failure:
            raise CaseFailure(f"{failure}. After out.backward(g), pe.grad[p] must be "
                              "g[:, p].sum(0) for p < L and 0 for p >= L") from None

    payload = {"args": [max_len, d_model], "pe": pe, "x": x, "grad": grad}
    return Case(name=name, payload=payload, check=check, op="grad", weight=2.0)


def _too_long_case(name: str, rng: np.random.Generator, length: int, max_len: int) -> Case:
    pe, x = _inputs(rng, 2, length, max_len, 4)

    def check(outputs: Outputs) -> None:
        raised = compare.to_python(compare.get(outputs, "raised"))
        if raised is None:
            raise CaseFailure(f"forward on L = {length} > max_len = {max_len} returned normally; "
                              "it must raise ValueError")
        if not compare.to_python(compare.get(outputs, "is_value_error")):
            message = compare.to_python(compare.get(outputs, "message"))
            raise CaseFailure(f"forward on L = {length} > max_len = {max_len} raised {raised} "
                              f"({message}); it must raise ValueError (check L explicitly)")

    payload = {"args": [max_len, 4], "pe": pe, "x": x}
    return Case(name=name, payload=payload, check=check, op="too_long")


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261208)
    return [
        _forward_case("adds_first_L_rows", rng, 2, 5, 8, 4),
        _forward_case("length_equals_max_len", rng, 3, 6, 6, 8),
        _forward_case("batch1_odd_length", rng, 1, 7, 16, 6),
        _forward_case("single_position", rng, 2, 1, 4, 3, weight=1.0),
        _forward_case("batch_larger_than_max_len", rng, 12, 3, 8, 4, weight=1.0),
        _grad_case("pe_receives_gradients", rng),
        _too_long_case("length_max_len_plus_1_raises_value_error", rng, 6, 5),
        _too_long_case("length_3x_max_len_raises_value_error", rng, 12, 4),
    ]


PROBLEM = Problem(
    id="learnable_position_encoding",
    title_zh="可学习的位置编码",
    title_en="Learnable position encoding",
    difficulty="easy",
    tags=("position-encoding", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
)
