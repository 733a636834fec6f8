"""Rotary position embedding, half-split (GPT-NeoX / LLaMA-in-HF) convention."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ("transformers", "torchtune", "flash_attn")


def rope(x: np.ndarray, positions: np.ndarray, base: float, *, layout: str = "half",
         sign: float = 1.0, exponent: str = "2i") -> np.ndarray:
    """float64 RoPE on the last dim of ``x (..., L, d)``; keywords reproduce classic mistakes."""
    x = x.astype(np.float64)
    d = x.shape[-1]
    pair = np.arange(d // 2, dtype=np.float64)
    inv_freq = base ** (-(pair if exponent == "i" else 2 * pair) / d)
    angle = positions.astype(np.float64)[:, None] * inv_freq[None, :]  # (L, d/2)
    if layout == "interleaved":  # rotate pairs (2i, 2i + 1) — the GPT-J convention
        even, odd = x[..., 0::2], x[..., 1::2]
        out = np.empty_like(x)
        out[..., 0::2] = even * np.cos(angle) - sign * odd * np.sin(angle)
        out[..., 1::2] = odd * np.cos(angle) + sign * even * np.sin(angle)
        return out
    if layout == "repeat_interleave":  # half-split rotation, angles duplicated as f0 f0 f1 f1
        full = np.repeat(angle, 2, axis=-1)
    else:
        full = np.concatenate([angle, angle], axis=-1)
    half = d // 2
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * np.cos(full) + sign * rotated * np.sin(full)


def _hints(x, positions, base, explicit: bool) -> list[ca.Hint]:
    def variant(pos=positions, b=base, **kwargs):
        return lambda: rope(x, pos, b, **kwargs)

    hints = [
        ("the output matches the interleaved (GPT-J) convention rotating pairs (2i, 2i + 1); "
         "use the half-split one: rotate_half(x) = cat(-x[..., d/2:], x[..., :d/2])",
         variant(layout="interleaved")),
        ("the rotation looks reversed: rotate_half(x) = cat(-x[..., d/2:], x[..., :d/2]) and "
         "out = x * cos + rotate_half(x) * sin", variant(sign=-1.0)),
        ("cos/sin look duplicated with repeat_interleave (f0 f0 f1 f1 ...); with the half-split "
         "convention duplicate by concatenation: cat(angle, angle)",
         variant(layout="repeat_interleave")),
        ("inv_freq looks like base^(-i/d); it is base^(-2i/d) for i < d/2", variant(exponent="i")),
    ]
    if explicit:
        hints.append(("the positions argument looks ignored (arange(L) used)",
                      variant(pos=np.arange(x.shape[-2]))))
    if base != 10000.0:
        hints.append(("the base argument looks ignored (10000 used)", variant(b=10000.0)))
    return hints


def _case(name: str, rng: np.random.Generator, shape: tuple[int, int, int, int],
          positions: list[int] | None = None, base: float | None = None,
          weight: float = 2.0) -> Case:
    # bounded inputs: float32 angles near position 127 are only accurate to ~4e-6 rad
    x = rng.uniform(-1.0, 1.0, shape).astype(np.float32)
    pos = np.arange(shape[2]) if positions is None else np.asarray(positions, dtype=np.int64)
    expected = rope(x, pos, 10000.0 if base is None else base)
    hints = _hints(x, pos, 10000.0 if base is None else base, positions is not None)

    def check(outputs: Outputs) -> None:
        ca.assert_close_hinted("output", ca.tensor_output(outputs, "output"), expected, hints)

    payload = {"x": x, "positions": None if positions is None else pos, "base": base}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261210)
    return [
        _case("default_positions", rng, (2, 3, 7, 8)),
        _case("batch1_single_head_odd_length", rng, (1, 1, 5, 16)),
        _case("head_dim_2", rng, (2, 2, 4, 2), weight=1.0),
        _case("single_token_at_position_37", rng, (1, 2, 1, 8), positions=[37], weight=1.0),
        _case("explicit_offset_positions", rng, (2, 2, 8, 16), positions=list(range(10, 18))),
        _case("explicit_sparse_positions", rng, (1, 3, 5, 32), positions=[0, 3, 7, 100, 127]),
        _case("custom_base_500", rng, (2, 2, 9, 8), base=500.0),
        _case("custom_base_and_positions", rng, (1, 2, 6, 64), positions=[5, 6, 7, 50, 51, 120],
              base=1e6),
        _case("head_dim_128_long", rng, (1, 2, 64, 128)),
    ]


PROBLEM = Problem(
    id="rope",
    title_zh="旋转位置编码（RoPE）",
    title_en="Rotary position embedding (RoPE)",
    difficulty="medium",
    tags=("position-encoding", "transformer", "pytorch", "llm"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
