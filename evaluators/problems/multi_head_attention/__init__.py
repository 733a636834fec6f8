"""Multi-head attention module; must equal torch.nn.MultiheadAttention with the same weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = (
    "torch.nn.MultiheadAttention",
    "torch.nn.modules.activation.MultiheadAttention",
    "torch.nn.functional.multi_head_attention_forward",
    "torch.nn.functional.scaled_dot_product_attention",
    "torch._scaled_dot_product_attention",
    "torch._native_multi_head_attention",
)
PROJECTIONS = ("w_q", "w_k", "w_v", "w_o")


def _params(rng: np.random.Generator, d_model: int) -> ca.Params:
    return {name: ca.make_linear(rng, d_model, d_model) for name in PROJECTIONS}


def _check(q, k, v, params, n_heads, mask):
    expected = ca.attention(q, k, v, params, n_heads, mask=mask)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output")
        hints = ca.attention_hints(q, k, v, params, n_heads, mask=mask)
        nan_hint = ca.MASK_NAN_HINT if mask is not None else None
        ca.assert_close_hinted("output", got, expected, hints, nan_hint=nan_hint)

    return check


def _case(name: str, rng: np.random.Generator, batch: int, lq: int, lk: int, d_model: int,
          n_heads: int, mask_kind: str | None, weight: float = 2.0) -> Case:
    x = rng.standard_normal((batch, max(lq, lk), d_model)).astype(np.float32)
    if mask_kind in ("causal", None) and lq == lk:
        q = k = v = x  # self-attention
    else:
        q = rng.standard_normal((batch, lq, d_model)).astype(np.float32)
        k = rng.standard_normal((batch, lk, d_model)).astype(np.float32)
        v = rng.standard_normal((batch, lk, d_model)).astype(np.float32)
    mask = ca.build_mask(rng, mask_kind, batch, n_heads, lq, lk)
    params = _params(rng, d_model)
    payload = {"d_model": d_model, "n_heads": n_heads, "params": params,
               "q": q, "k": k, "v": v, "mask": mask}
    return Case(name=name, payload=payload, check=_check(q, k, v, params, n_heads, mask),
                weight=weight)


def _leak_case(rng: np.random.Generator) -> Case:
    batch, length, d_model, n_heads, t = 2, 8, 16, 4, 5
    x = rng.standard_normal((batch, length, d_model)).astype(np.float32)
    x2 = x.copy()
    x2[:, t:] = rng.standard_normal((batch, length - t, d_model))
    payload = {"d_model": d_model, "n_heads": n_heads, "params": _params(rng, d_model),
               "x": x, "x_perturbed": x2, "mask": ca.causal_mask(length)}
    return Case(name="causal_mask_blocks_future_tokens", payload=payload, op="leak",
                check=lambda outputs: ca.check_no_leak(outputs, t), weight=1.0)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261201)
    specs: list[tuple[str, int, int, int, int, int, str | None]] = [
        ("single_head_no_mask", 2, 5, 5, 8, 1, None),
        ("batch1_odd_length_3_heads", 1, 7, 7, 12, 3, None),
        ("eight_heads_d64", 2, 6, 6, 64, 8, None),
        ("cross_attention_lq_ne_lk", 2, 3, 9, 16, 4, None),
        ("causal_mask_2d", 2, 7, 7, 16, 2, "causal"),
        ("padding_mask_b11lk", 3, 5, 6, 16, 4, "padding"),
        ("per_head_mask_bhlqlk", 2, 5, 5, 16, 4, "per_head"),
        ("per_batch_mask_b1lqlk", 2, 4, 6, 24, 3, "per_batch"),
    ]
    cases = [_case(name, rng, b, lq, lk, d, h, m) for name, b, lq, lk, d, h, m in specs]
    cases.append(_case("single_query_single_key", rng, 1, 1, 1, 8, 2, None, weight=1.0))
    cases.append(_leak_case(rng))
    return cases


PROBLEM = Problem(
    id="multi_head_attention",
    title_zh="多头注意力",
    title_en="Multi-head attention",
    difficulty="medium",
    tags=("attention", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
