"""Shaw et al. (2018) relative position embeddings: table[clip(j - i, -k, k) + k]."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem


def lookup(table: np.ndarray, lq: int, lk: int, k: int, *, sign: int = 1, clip: int | None = None,
           offset: int | None = None) -> np.ndarray:
    """``(lq, lk, units)``; the keyword arguments reproduce classic mistakes."""
    clip = k if clip is None else clip
    offset = k if offset is None else offset
    distance = sign * (np.arange(lk)[None, :] - np.arange(lq)[:, None])
    return table.astype(np.float64)[np.clip(distance, -clip, clip) + offset]


def _hints(table: np.ndarray, lq: int, lk: int, k: int) -> list[ca.Hint]:
    def variant(**kwargs):
        return lambda: lookup(table, lq, lk, k, **kwargs)

    return [
        ("the relative distance looks computed as i - j; entry [i, j] uses j - i (key position "
         "minus query position)", variant(sign=-1)),
        ("distances look clipped to ±(max_relative_position - 1); clip to ±max_relative_position",
         variant(clip=k - 1, offset=k)),
        ("the table row looks off by one; row = clip(j - i, -max, max) + max",
         variant(offset=k - 1)),
    ]


def _case(name: str, rng: np.random.Generator, units: int, k: int, lq: int, lk: int,
          weight: float = 2.0) -> Case:
    table = rng.standard_normal((2 * k + 1, units)).astype(np.float32)
    expected = lookup(table, lq, lk, k)
    hints = _hints(table, lq, lk, k)

    def check(outputs: Outputs) -> None:
        ca.assert_close_hinted("output", ca.tensor_output(outputs, "output"), expected, hints)

    payload = {"args": [units, k], "table": table, "lengths": [lq, lk]}
    return Case(name=name, payload=payload, check=check, weight=weight)


def _grad_case(name: str, rng: np.random.Generator) -> Case:
    units, k, lq, lk = 3, 2, 4, 6
    table = rng.standard_normal((2 * k + 1, units)).astype(np.float32)
    grad = rng.standard_normal((lq, lk, units)).astype(np.float32)
    index = np.clip(np.arange(lk)[None, :] - np.arange(lq)[:, None], -k, k) + k
    expected = np.zeros((2 * k + 1, units))
    np.add.at(expected, index.reshape(-1), grad.reshape(-1, units).astype(np.float64))

    def check(outputs: Outputs) -> None:
        if not compare.to_python(compare.get(outputs, "table_registered")):
            raise CaseFailure("`embeddings_table` must be an nn.Parameter registered on the module "
                              "(it is missing from module.parameters())")
        if compare.get(outputs, "table_grad").get("type") == "none":
            raise CaseFailure("embeddings_table.grad is None after out.backward(g): build the "
                              "output by indexing the table, without detaching it")
        try:
            compare.assert_close("embeddings_table.grad", ca.tensor_output(outputs, "table_grad"),
                                 expected)
        except CaseFailure as failure:
            raise CaseFailure(f"{failure}. After out.backward(g), each table row must collect the "
                              "gradient of every entry [i, j] that uses it") from None

    payload = {"args": [units, k], "table": table, "lengths": [lq, lk], "grad": grad}
    return Case(name=name, payload=payload, check=check, op="grad", weight=1.0)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261209)
    return [
        _case("square_5x5_clip_2", rng, 4, 2, 5, 5),
        _case("more_keys_than_queries", rng, 3, 2, 3, 7),
        _case("more_queries_than_keys", rng, 5, 3, 7, 3),
        _case("single_query_single_key", rng, 2, 4, 1, 1, weight=1.0),
        _case("no_clipping_needed", rng, 4, 10, 6, 6),
        _case("max_relative_position_1", rng, 3, 1, 4, 5),
        _case("one_unit_long_sequences", rng, 1, 3, 9, 11),
        _grad_case("table_receives_gradients", rng),
    ]


PROBLEM = Problem(
    id="relative_position",
    title_zh="相对位置编码（Shaw et al.）",
    title_en="Relative position embeddings (Shaw et al.)",
    difficulty="easy",
    tags=("position-encoding", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
)
