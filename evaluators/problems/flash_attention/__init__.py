"""FlashAttention forward: exact blocked attention with online softmax, a memory and time budget.

The memory and time budgets at L = 8192 are judged on the supervisor's measurements of the call
(:mod:`evaluators.budget`): CPU time against the reference run through the same driver, peak
resident memory during the call minus just before it (inputs already allocated). The inputs'
seed and the sampled output rows are drawn per process.
"""

from __future__ import annotations

import math
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.common_numeric import attention_inputs
from evaluators.problem import Case, CaseFailure, MemoryBudget, Outputs, Problem, TimeBudget

FORBIDDEN = ("*.scaled_dot_product_attention", "*.MultiheadAttention",
             "*.multi_head_attention_forward", "*._scaled_dot_product_*", "*.flex_attention")
F64 = np.float64
# the big case's inputs and sampled rows are drawn per process: nothing can be precomputed
BIG = {"seed": secrets.randbits(31), "length": 8192, "d": 64, "block_size": 64}
MEMORY_BUDGET = 128 << 20
FLOOR_S = 0.05
MEMORY_ADVICE = ("Keep only one block of scores at a time (online softmax over key blocks, or "
                 "query row blocks against all keys); never build the (Lq, Lk) score matrix, its "
                 "exp or a float64 copy of it.")
TIME_ADVICE = ("Vectorise each block (one matmul per block for all queries or a query tile); "
               "avoid Python loops over single rows or keys.")
_FILL = -1e30  # masked scores in the mistake simulations: finite, so nothing turns into NaN
NAN_MASKED = ("a causal block whose keys are all masked for a row has max −inf, and "
              "exp(−inf − (−inf)) is NaN: skip fully masked blocks (or rows), or keep the running "
              "max finite")
OVERFLOW = ("scores of ±300 overflow exp in float32: subtract the running row maximum before exp "
            "and rescale by exp(m_old − m_new)")


def allowed(lq: int, lk: int, align: str = "top_left") -> np.ndarray:
    """Bool (Lq, Lk) causal mask; SDPA's is_causal is top-left aligned."""
    return np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq if align == "bottom_right" else 0)


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool, *,
              scale: float | None = None, align: str = "top_left") -> np.ndarray:
    """float64 exact attention over the last two dims."""
    q, k, v = (a.astype(F64) for a in (q, k, v))
    s = q @ np.swapaxes(k, -1, -2) * (1 / math.sqrt(q.shape[-1]) if scale is None else scale)
    if causal:
        s = np.where(allowed(q.shape[-2], k.shape[-2], align), s, _FILL)
    return ca.softmax(s) @ v


def blocked(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool, bs: int, *,
            rescale_acc: bool = True, rescale_sum: bool = True) -> np.ndarray:
    """float64 online softmax over key blocks; the flags reproduce missed rescaling."""
    q, k, v = (a.astype(F64) for a in (q, k, v))
    lq, lk = q.shape[-2], k.shape[-2]
    m = np.full((*q.shape[:-1], 1), _FILL)
    l_sum = np.zeros_like(m)
    acc = np.zeros((*q.shape[:-1], v.shape[-1]))
    mask = allowed(lq, lk)
    for start in range(0, lk, bs):
        end = min(start + bs, lk)
        s = q @ np.swapaxes(k[..., start:end, :], -1, -2) / math.sqrt(q.shape[-1])
        if causal:
            s = np.where(mask[:, start:end], s, _FILL)
        m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
        p = np.exp(s - m_new) * (s > _FILL / 2)
        alpha = np.exp(m - m_new)
        l_sum = (l_sum * alpha if rescale_sum else l_sum) + p.sum(axis=-1, keepdims=True)
        acc = (acc * alpha if rescale_acc else acc) + p @ v[..., start:end, :]
        m = m_new
    with np.errstate(divide="ignore", invalid="ignore"):
        return acc / l_sum


def _hints(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool, bs: int) -> list[ca.Hint]:
    d, dv = q.shape[-1], v.shape[-1]
    hints: list[ca.Hint] = [
        ("the output accumulator is not rescaled when the running max grows: multiply it by "
         "exp(m_old − m_new) before adding the new block",
         lambda: blocked(q, k, v, causal, bs, rescale_acc=False)),
        ("the running sum is not rescaled when the running max grows: l = l · exp(m_old − "
         "m_new) + rowsum(p)", lambda: blocked(q, k, v, causal, bs, rescale_sum=False)),
        ("scores look unscaled: multiply q·k by 1/sqrt(d)",
         lambda: attention(q, k, v, causal, scale=1.0)),
        ("the final division by the running sum l looks missing",
         lambda: blocked(q, k, v, causal, bs) * _rowsum(q, k, causal)),
    ]
    if dv != d:
        hints.append(("scores look scaled by 1/sqrt(dv); the scale is 1/sqrt(d), d = q's last "
                      "dim", lambda: attention(q, k, v, causal, scale=1 / math.sqrt(dv))))
    if causal and q.shape[-2] != k.shape[-2]:
        hints.append(("the causal mask looks bottom-right aligned; SDPA's is_causal is top-left "
                      "aligned: query i sees key j iff j <= i",
                      lambda: attention(q, k, v, True, align="bottom_right")))
    if not causal:
        hints.append(("a causal mask looks applied although causal=False",
                      lambda: attention(q, k, v, True)))
    else:
        hints.append(("no causal mask was applied", lambda: attention(q, k, v, False)))
    return hints


def _rowsum(q: np.ndarray, k: np.ndarray, causal: bool) -> np.ndarray:
    """The softmax denominators relative to the row max (to rebuild a missing division)."""
    s = q.astype(F64) @ np.swapaxes(k.astype(F64), -1, -2) / math.sqrt(q.shape[-1])
    if causal:
        s = np.where(allowed(q.shape[-2], k.shape[-2]), s, _FILL)
    return np.exp(s - s.max(axis=-1, keepdims=True)).sum(axis=-1, keepdims=True)


def _check_dtype(outputs: Outputs, key: str, want: str) -> None:
    dtype = compare.get(outputs, key).get("dtype")
    if dtype != want:
        raise CaseFailure(f"output dtype is {dtype}; return q's dtype ({want})")


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], lk: int, bs: int | None,
          causal: bool | None, *, dv: int | None = None, score_max: float | None = None,
          dtype: type = np.float32, weight: float = 2.0) -> Case:
    b, h, _, d = shape
    q = rng.standard_normal(shape)
    k = rng.standard_normal((b, h, lk, d))
    v = rng.standard_normal((b, h, lk, dv or d))
    if score_max is not None:  # rescale q so the largest |score| is exactly score_max
        q *= score_max / np.abs(q @ np.swapaxes(k, -1, -2) / math.sqrt(d)).max()
    q, k, v = (a.astype(dtype) for a in (q, k, v))
    is_causal = bool(causal)
    expected = attention(q, k, v, is_causal)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output")
        nan_hint = OVERFLOW if score_max else (NAN_MASKED if is_causal else None)
        ca.assert_close_hinted("output", got, expected, _hints(q, k, v, is_causal, bs or 64),
                               nan_hint=nan_hint)
        _check_dtype(outputs, "output", np.dtype(dtype).name)

    payload: dict[str, Any] = {"q": q, "k": k, "v": v, "causal": causal, "block_size": bs}
    return Case(name=name, payload=payload, check=check, weight=weight)


# ------------------------------------------------------------------------------ the big case

def _sample_rows(length: int) -> np.ndarray:
    """The first and last 70 query rows (the causal edge cases) and 120 secret random ones."""
    rng = np.random.default_rng(secrets.randbits(63))
    edges = [*range(0, 70), *range(length - 70, length)]
    return np.unique(np.concatenate([edges, rng.choice(length, 120, replace=False)]))


ROWS = _sample_rows(BIG["length"])


@lru_cache(maxsize=1)
def _big_inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return attention_inputs(BIG["seed"], 1, 1, BIG["length"], BIG["d"])


@lru_cache(maxsize=2)
def _big_expected(causal: bool) -> np.ndarray:
    """Exact float64 attention for the sampled query rows."""
    q, k, v = (a[0, 0].astype(F64) for a in _big_inputs())
    s = q[ROWS] @ k.T / math.sqrt(BIG["d"])
    if causal:
        s = np.where(np.arange(len(k))[None, :] <= ROWS[:, None], s, -np.inf)
    return ca.softmax(s) @ v


def _check_big(outputs: Outputs, causal: bool) -> None:
    length, d = BIG["length"], BIG["d"]
    shape = compare.to_python(compare.get(outputs, "shape"))
    if shape is None:
        raise CaseFailure(f"flash_attention must return a torch.Tensor, got "
                          f"{compare.get(outputs, 'rows').get('repr', 'something else')}")
    if shape != [1, 1, length, d]:
        raise CaseFailure(f"output shape should be (1, 1, {length}, {d}), got {tuple(shape)}")
    got = compare.as_array(outputs, "rows", "tensor", f"output rows at L={length}")
    label = f"output at L={length}{' (causal)' if causal else ''}, sampled rows"
    compare.assert_close(label, got, _big_expected(causal))


def _big_case(name: str, causal: bool) -> Case:
    what = f"flash_attention at (1, 1, {BIG['length']}, {BIG['d']}){' causal' if causal else ''}"
    payload: dict[str, Any] = {**BIG, "causal": causal, "rows": ROWS}
    return Case(name=name, payload=payload, op="big", weight=3.0,
                check=lambda outputs: _check_big(outputs, causal),
                budget=TimeBudget(what, FLOOR_S, TIME_ADVICE),
                memory=MemoryBudget(what, MEMORY_BUDGET, MEMORY_ADVICE))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270109)
    cases = [_big_case("memory_and_time_L8192_non_causal", False),
             _big_case("memory_and_time_L8192_causal", True)]
    specs: list[tuple[str, tuple[int, ...], int, int | None, bool | None, dict[str, Any]]] = [
        ("blocks_divide_evenly_default_args", (2, 3, 16, 8), 16, None, None, {}),
        ("partial_last_block_lk37_bs8", (2, 2, 12, 16), 37, 8, False, {}),
        ("lengths_below_block_size", (1, 2, 5, 8), 7, 64, False, {}),
        ("block_size_1", (1, 2, 9, 4), 11, 1, False, {}),
        ("causal_square_l33_bs8", (2, 2, 33, 8), 33, 8, True, {}),
        ("causal_lq_lt_lk_top_left", (1, 3, 5, 8), 19, 4, True, {}),
        ("causal_lq_gt_lk_top_left", (2, 1, 21, 8), 6, 4, True, {}),
        ("causal_block_size_1", (1, 1, 7, 4), 7, 1, True, {"weight": 1.0}),
        ("dv_differs_from_d", (2, 2, 10, 16), 13, 4, False, {"dv": 5}),
        ("batch1_odd_heads_bs5", (1, 3, 13, 8), 17, 5, False, {}),
        ("scores_up_to_300", (1, 2, 24, 16), 40, 8, False, {"score_max": 300.0}),
        ("scores_up_to_300_causal", (1, 2, 24, 16), 24, 8, True, {"score_max": 300.0}),
        ("float64_inputs_keep_dtype", (1, 2, 9, 8), 14, 4, False,
         {"dtype": np.float64, "weight": 1.0}),
    ]
    cases += [_case(name, rng, shape, lk, bs, causal, **kw)
              for name, shape, lk, bs, causal, kw in specs]
    return cases


PROBLEM = Problem(
    id="flash_attention",
    title_zh="FlashAttention 前向（online softmax）",
    title_en="FlashAttention forward (online softmax)",
    difficulty="hard",
    tags=("attention", "flash-attention", "online-softmax", "llm", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=120.0,  # two full-size calls; the time budget itself is relative
)
