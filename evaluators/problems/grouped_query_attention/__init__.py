"""Grouped-query attention: n_kv_heads key/value heads, each shared by a group of query heads."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.problem import Case, Problem

FORBIDDEN = (
    "torch.nn.MultiheadAttention",
    "torch.nn.modules.activation.MultiheadAttention",
    "torch.nn.functional.multi_head_attention_forward",
    "torch.nn.functional.scaled_dot_product_attention",
    "torch._scaled_dot_product_attention",
    "torch._native_multi_head_attention",
)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261203)
    specs = [  # name, d_model, n_heads, n_kv_heads, batch, length, mask
        ("kv_heads_equal_heads_is_mha", 16, 4, 4, 2, 6, "causal"),
        ("one_kv_head_is_mqa", 16, 4, 1, 2, 6, "causal"),
        ("groups_of_2_no_mask", 32, 4, 2, 2, 6, None),
        ("groups_of_2_causal", 32, 4, 2, 2, 7, "causal"),
        ("groups_of_3_causal_batch1_odd_length", 24, 6, 2, 1, 5, "causal"),
        ("three_kv_heads_per_head_mask", 48, 6, 3, 2, 5, "per_head"),
        ("padding_mask_b11l", 16, 4, 2, 3, 6, "padding"),
        ("eight_heads_two_kv_causal_padding", 64, 8, 2, 2, 9, "causal_padding"),
    ]
    cases = [ca.self_attention_case(name, rng, [d, h, g], g, b, n, m)
             for name, d, h, g, b, n, m in specs]
    cases.append(ca.self_attention_case("single_token", rng, [8, 4, 2], 2, 1, 1, None,
                                        weight=1.0))
    cases.append(ca.self_attention_leak_case("causal_mask_blocks_future_tokens", rng,
                                             [24, 6, 3], 3, batch=2, length=8, t=5))
    return cases


PROBLEM = Problem(
    id="grouped_query_attention",
    title_zh="分组查询注意力（GQA）",
    title_en="Grouped-query attention (GQA)",
    difficulty="medium",
    tags=("attention", "transformer", "pytorch", "inference"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
