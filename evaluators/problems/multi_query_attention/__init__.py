"""Multi-query attention: all query heads share one key head and one value head."""

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
    rng = np.random.default_rng(20261202)
    specs = [  # name, d_model, n_heads, batch, length, mask
        ("no_mask_4_heads", 16, 4, 2, 6, None),
        ("causal_mask_4_heads", 32, 4, 2, 7, "causal"),
        ("causal_batch1_odd_length_3_heads", 24, 3, 1, 5, "causal"),
        ("causal_single_head", 8, 1, 2, 6, "causal"),
        ("causal_8_heads_d64", 64, 8, 2, 9, "causal"),
        ("padding_mask_b11l", 16, 2, 3, 6, "padding"),
        ("causal_and_padding_mask", 16, 4, 2, 7, "causal_padding"),
        ("per_head_mask_bhll", 16, 4, 2, 5, "per_head"),
    ]
    cases = [ca.self_attention_case(name, rng, [d, h], 1, b, n, m) for name, d, h, b, n, m in specs]
    cases.append(ca.self_attention_case("single_token", rng, [8, 2], 1, 1, 1, None, weight=1.0))
    cases.append(ca.self_attention_leak_case("causal_mask_blocks_future_tokens", rng, [16, 4], 1,
                                             batch=2, length=8, t=5))
    return cases


PROBLEM = Problem(
    id="multi_query_attention",
    title_zh="多查询注意力（MQA）",
    title_en="Multi-query attention (MQA)",
    difficulty="medium",
    tags=("attention", "transformer", "pytorch", "inference"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
