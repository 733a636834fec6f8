"""Causal self-attention with a KV cache: incremental decoding must equal one full forward."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torch.nn.MultiheadAttention",
    "torch.nn.modules.activation.MultiheadAttention",
    "torch.nn.functional.multi_head_attention_forward",
    "torch.nn.functional.scaled_dot_product_attention",
    "torch._scaled_dot_product_attention",
    "torch._native_multi_head_attention",
)


class Setup:
    """One module's weights and a sequence ``prefix + x``; the prefix (if any) is given as cache."""

    def __init__(self, rng: np.random.Generator, batch: int, d_model: int, n_heads: int,
                 length: int, past: int = 0) -> None:
        self.n_heads, self.past = n_heads, past
        self.params = ca.self_attention_params(rng, d_model, n_heads, n_heads)
        self.seq = rng.standard_normal((batch, past + length, d_model)).astype(np.float32)
        self.x = self.seq[:, past:]
        self.payload: dict[str, Any] = {"args": [d_model, n_heads], "params": self.params,
                                        "x": self.x, "past_k": None, "past_v": None}
        if past:
            k, v = self.cache(past)
            self.payload.update(past_k=k.astype(np.float32), past_v=v.astype(np.float32))

    def cache(self, end: int) -> tuple[np.ndarray, np.ndarray]:
        """Reference (k, v) of the first ``end`` positions, ``(B, H, end, d_head)``."""
        x = self.seq[:, :end]
        return (ca.split_heads(ca.linear(x, self.params["w_k"]), self.n_heads),
                ca.split_heads(ca.linear(x, self.params["w_v"]), self.n_heads))

    def step(self, start: int, end: int, mask: str = "causal") -> np.ndarray:
        """Reference output of absolute positions ``start:end`` attending to keys ``:end``."""
        keys = self.seq[:, :end]
        allowed = {"causal": ca.causal_mask(end - start, end),
                   "no_offset": np.tril(np.ones((end - start, end), dtype=bool)),
                   "none": None}[mask]
        return ca.attention(self.seq[:, start:end], keys, keys, self.params, self.n_heads,
                            mask=allowed)

    def step_hints(self, start: int, end: int) -> list[ca.Hint]:
        hints = ca.attention_hints(self.seq[:, start:end], self.seq[:, :end], self.seq[:, :end],
                                   self.params, self.n_heads, mask=ca.causal_mask(end - start, end))
        offset = ("the causal mask ignores the cached positions: new token i must see every "
                  "cached key and new keys up to i, i.e. tril(ones(L, L_past + L), L_past)")
        return [(offset, lambda: self.step(start, end, "no_offset")),
                ("no causal mask was applied", lambda: self.step(start, end, "none")), *hints]


def _check_cache(outputs: Outputs, setup: Setup, end: int) -> None:
    expected_k, expected_v = setup.cache(end)
    for key, expected in (("k_all", expected_k), ("v_all", expected_v)):
        got = ca.tensor_output(outputs, key)
        if got.shape != expected.shape:
            b, h, length, d_head = expected.shape
            raise CaseFailure(f"returned cache {key}: expected shape {expected.shape} "
                              f"(B={b}, n_heads={h}, {length} positions, d_head={d_head}), got "
                              f"{got.shape}; the cache layout is (B, n_heads, L_past + L, "
                              "d_head) and holds every cached and new position")
        ca.assert_close_hinted(f"returned cache {key}", got, expected)


def _check_cache_growth(outputs: Outputs, setup: Setup, chunks: list[int]) -> None:
    """After each call the returned cache must hold every position seen so far."""
    shapes = compare.to_python(compare.get(outputs, "cache_shapes"))
    held = setup.past
    for i, (size, (k_shape, v_shape)) in enumerate(zip(chunks, shapes, strict=True)):
        held += size
        for name, shape in (("k", k_shape), ("v", v_shape)):
            if len(shape) != 4 or shape[2] != held:
                raise CaseFailure(
                    f"after step {i} the returned cache {name} has shape {tuple(shape)}; expected "
                    f"(B, n_heads, {held}, d_head): {held} positions ({setup.past} given + "
                    f"{held - setup.past} fed so far). Append the new keys/values to past_kv "
                    "along dim 2 and return the whole cache")


def _step_check(outputs: Outputs, setup: Setup, chunks: list[int]) -> None:
    _check_cache_growth(outputs, setup, chunks)
    items = ca.list_items(outputs, "outputs")
    start = setup.past
    for i, (item, size) in enumerate(zip(items, chunks, strict=True)):
        first = start - setup.past
        label = f"step {i} (x[:, {first}:{first + size}] after {start} cached positions): output"
        got = ca.item_array(item, label)
        ca.assert_close_hinted(label, got, setup.step(start, start + size),
                               setup.step_hints(start, start + size))
        start += size
    _check_cache(outputs, setup, start)


def _full_case(name: str, rng: np.random.Generator, batch: int, d_model: int, n_heads: int,
               length: int) -> Case:
    setup = Setup(rng, batch, d_model, n_heads, length)

    def check(outputs: Outputs) -> None:
        ca.assert_close_hinted("output", ca.tensor_output(outputs, "output"),
                               setup.step(0, length), setup.step_hints(0, length))
        _check_cache(outputs, setup, length)

    return Case(name=name, payload=setup.payload, check=check, op="full", weight=2.0)


def _incremental_case(name: str, rng: np.random.Generator, batch: int, d_model: int,
                      n_heads: int, chunks: list[int], past: int = 0) -> Case:
    setup = Setup(rng, batch, d_model, n_heads, sum(chunks), past)
    payload = {**setup.payload, "chunks": chunks}
    return Case(name=name, payload=payload, op="incremental", weight=2.0,
                check=lambda outputs: _step_check(outputs, setup, chunks))


def _leak_case(name: str, rng: np.random.Generator, length: int, t: int, past: int) -> Case:
    setup = Setup(rng, 2, 16, 4, length, past)
    x2 = setup.x.copy()
    x2[:, t:] = rng.standard_normal(x2[:, t:].shape)
    payload = {**setup.payload, "x_perturbed": x2}
    what = "new tokens" if past else "tokens"
    return Case(name=name, payload=payload, op="leak",
                check=lambda outputs: ca.check_no_leak(outputs, t, what))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261204)
    return [
        _full_case("full_forward_causal", rng, 2, 16, 4, 7),
        _full_case("full_forward_batch1_single_head", rng, 1, 8, 1, 5),
        _full_case("single_token_no_cache", rng, 2, 12, 3, 1),
        _incremental_case("token_by_token_equals_full_forward", rng, 2, 16, 4, [1] * 8),
        _incremental_case("chunked_decoding_equals_full_forward", rng, 2, 24, 3, [3, 1, 4, 2]),
        _incremental_case("prefill_then_token_by_token", rng, 1, 32, 4, [5, 1, 1, 1]),
        _incremental_case("given_cache_then_chunk", rng, 2, 16, 2, [3, 1], past=4),
        _incremental_case("eight_heads_token_by_token", rng, 1, 64, 8, [1] * 6),
        _leak_case("causal_no_future_leak_without_cache", rng, 8, 5, 0),
        _leak_case("causal_no_future_leak_within_chunk_after_cache", rng, 5, 2, 3),
    ]


PROBLEM = Problem(
    id="causal_self_attention_kv_cache",
    title_zh="带 KV 缓存的因果自注意力",
    title_en="Causal self-attention with a KV cache",
    difficulty="medium",
    tags=("attention", "transformer", "pytorch", "inference", "kv-cache"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
