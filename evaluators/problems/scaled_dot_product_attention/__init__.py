"""Scaled dot-product attention with an optional boolean mask (True = may attend)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torch.nn.functional.scaled_dot_product_attention",
    "torch.nn.MultiheadAttention",
    "torch.nn.functional.multi_head_attention_forward",
    "torch._scaled_dot_product_attention",
)


def reference(q: np.ndarray, k: np.ndarray, v: np.ndarray,
              mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """float64 reference: softmax(q k^T / sqrt(d)) with masked logits at -inf."""
    logits = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        logits = np.where(mask, logits, -np.inf)
    logits = logits - logits.max(axis=-1, keepdims=True)
    weights = np.exp(logits)
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights @ v, weights


def _check(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None):
    expected_out, expected_w = reference(q.astype(np.float64), k.astype(np.float64),
                                         v.astype(np.float64), mask)

    def check(outputs: Outputs) -> None:
        weights = compare.as_array(outputs, "weights", "tensor", "weights")
        output = compare.as_array(outputs, "output", "tensor", "output")
        if weights.shape == expected_w.shape:
            sums = weights.sum(axis=-1)
            if not np.allclose(sums, 1.0, atol=1e-4):
                idx = tuple(int(i) for i in np.argwhere(~np.isclose(sums, 1.0, atol=1e-4))[0])
                raise CaseFailure(f"weights row {list(idx)} sums to {sums[idx]:.6g}, not 1: "
                                  "softmax must be over the last (key) dimension")
            if mask is not None:
                leak = (~np.broadcast_to(mask, weights.shape)) & (np.abs(weights) > 1e-6)
                if leak.any():
                    i = tuple(int(x) for x in np.argwhere(leak)[0])
                    raise CaseFailure(f"masked position gets weight {weights[i]:.3g} at "
                                      f"weights{list(i)} (query {i[-2]} may not attend key "
                                      f"{i[-1]}; mask True = may attend)")
        compare.assert_close("weights", weights, expected_w)
        compare.assert_close("output", output, expected_out)

    return check


def _case(name: str, rng: np.random.Generator, batch: tuple[int, ...], lq: int, lk: int, d: int,
          dv: int, mask_kind: str | None) -> Case:
    q = rng.standard_normal((*batch, lq, d)).astype(np.float32)
    k = rng.standard_normal((*batch, lk, d)).astype(np.float32)
    v = rng.standard_normal((*batch, lk, dv)).astype(np.float32)
    mask = None
    if mask_kind == "causal":
        mask = np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)
    elif mask_kind == "padding":
        keep = rng.integers(1, lk + 1, size=batch[:1] or (1,))
        mask = (np.arange(lk)[None, :] < keep[:, None]).reshape(-1, *([1] * (len(batch) - 1)), 1, lk)
    elif mask_kind == "random":
        mask = rng.random((*batch, lq, lk)) < 0.6
        mask[..., 0] = True
    payload = {"q": q, "k": k, "v": v, "mask": mask}
    return Case(name=name, payload=payload, check=_check(q, k, v, mask))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261122)
    specs: list[tuple[str, tuple[int, ...], int, int, int, int, str | None]] = [
        ("single_query_no_mask", (1,), 1, 4, 8, 8, None),
        ("batch1_odd_lengths", (1,), 5, 7, 16, 16, None),
        ("multihead_4d", (2, 3), 6, 6, 8, 8, None),
        ("dv_differs_from_d", (2,), 4, 9, 12, 5, None),
        ("large_d_scaling", (2,), 5, 5, 128, 16, None),
        ("causal_mask", (2, 2), 7, 7, 16, 16, "causal"),
        ("causal_mask_with_prefix", (1, 2), 3, 8, 8, 8, "causal"),
        ("padding_mask_broadcast", (3, 2), 5, 9, 8, 8, "padding"),
        ("random_mask", (2,), 6, 5, 8, 4, "random"),
        ("no_batch_dims", (), 4, 6, 8, 8, None),
    ]
    cases = [_case(name, rng, batch, lq, lk, d, dv, mask)
             for name, batch, lq, lk, d, dv, mask in specs]
    cases.append(_extreme_logits_case(rng))
    return cases


def _extreme_logits_case(rng: np.random.Generator) -> Case:
    q = (rng.standard_normal((2, 4, 16)) * 60).astype(np.float32)
    k = (rng.standard_normal((2, 6, 16)) * 60).astype(np.float32)
    v = rng.standard_normal((2, 6, 8)).astype(np.float32)
    return Case(name="extreme_logits_stability", payload={"q": q, "k": k, "v": v, "mask": None},
                check=_check(q, k, v, None))


PROBLEM = Problem(
    id="scaled_dot_product_attention",
    title_zh="缩放点积注意力",
    title_en="Scaled dot-product attention",
    difficulty="easy",
    tags=("attention", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
