"""Sinusoidal position encoding of "Attention Is All You Need" (interleaved sin / cos)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.problem import Case, Outputs, Problem


def encoding(max_len: int, d_model: int, *, layout: str = "interleaved", exponent: str = "2i",
             start: int = 0) -> np.ndarray:
    """float64 ``(max_len, d_model)``; the keyword arguments reproduce classic mistakes."""
    pos = np.arange(start, start + max_len, dtype=np.float64)[:, None]
    pair = np.arange(d_model // 2, dtype=np.float64)
    power = (pair if exponent == "i" else 2 * pair) / d_model
    angle = pos / 10000.0 ** power
    if layout == "halves":
        return np.concatenate([np.sin(angle), np.cos(angle)], axis=1)
    first, second = (np.cos, np.sin) if layout == "swapped" else (np.sin, np.cos)
    pe = np.empty((max_len, d_model))
    pe[:, 0::2], pe[:, 1::2] = first(angle), second(angle)
    if exponent == "column":  # odd columns use exponent (2i + 1) / d
        pe[:, 1::2] = np.cos(pos / 10000.0 ** ((2 * pair + 1) / d_model))
    return pe


MISTAKES = (
    ({"layout": "halves"}, "sin and cos look concatenated as two halves; they interleave: column "
                           "2i holds sin, column 2i + 1 holds cos"),
    ({"layout": "swapped"}, "sin and cos look swapped: column 2i holds sin, column 2i + 1 cos"),
    ({"exponent": "i"}, "the frequencies look like 10000^(i / d_model); the exponent is "
                        "2i / d_model for the pair (2i, 2i + 1)"),
    ({"exponent": "column"}, "column 2i + 1 looks computed with exponent (2i + 1) / d_model; "
                             "both columns of a pair share 10000^(2i / d_model)"),
    ({"start": 1}, "positions look 1-based; row p encodes position p, starting at 0"),
)


def _case(name: str, max_len: int, d_model: int, weight: float = 2.0) -> Case:
    expected = encoding(max_len, d_model)
    hints = [(text, lambda kw=kw: encoding(max_len, d_model, **kw)) for kw, text in MISTAKES]

    def check(outputs: Outputs) -> None:
        ca.assert_close_hinted("pe", ca.tensor_output(outputs, "pe"), expected, hints)

    return Case(name=name, payload={"max_len": max_len, "d_model": d_model}, check=check,
                weight=weight)


def make_cases() -> list[Case]:
    return [
        _case("single_position_d2", 1, 2, weight=1.0),
        _case("small_6x4", 6, 4),
        _case("d_model_2", 10, 2, weight=1.0),
        _case("odd_number_of_pairs_d6", 33, 6),
        _case("medium_50x16", 50, 16),
        _case("positions_up_to_127_d64", 128, 64),
        _case("d_model_128", 100, 128),
        _case("wide_d_model_512", 16, 512),
    ]


PROBLEM = Problem(
    id="sinusoidal_position_encoding",
    title_zh="正弦位置编码",
    title_en="Sinusoidal position encoding",
    difficulty="easy",
    tags=("position-encoding", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
)
