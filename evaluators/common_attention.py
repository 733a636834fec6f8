"""Trusted-side helpers shared by the attention / Transformer-building-block problems.

* float64 numpy references for multi-head, multi-query and grouped-query attention, including
  reproductions of classic mistakes (:class:`Variant`) so a failed check can say "looks like you
  scaled by sqrt(d_model)";
* :func:`assert_close_hinted`: ``compare.assert_close`` plus the first matching mistake hint;
* :func:`check_no_leak`: the causal-leakage property (outputs before position ``t`` must not
  change when only tokens at ``t`` or later change);
* payload builders (random ``nn.Linear`` weights, masks).

Never imported by drivers: everything here stays on the trusted side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs

F64 = np.float64
_FILL = -1e30  # masked logits: finite, so reproduced mistakes never turn into NaN
_HINT_TOL = (1e-3, 1e-4)

Params = dict[str, dict[str, np.ndarray]]
Hint = tuple[str, Callable[[], np.ndarray]]


# --------------------------------------------------------------------------------- payloads

def make_linear(rng: np.random.Generator, d_in: int, d_out: int) -> dict[str, np.ndarray]:
    """float32 ``nn.Linear(d_in, d_out)`` weights with unit-scale outputs and a visible bias."""
    weight = rng.standard_normal((d_out, d_in)) / np.sqrt(d_in)
    bias = 0.3 * rng.standard_normal(d_out)
    return {"weight": weight.astype(np.float32), "bias": bias.astype(np.float32)}


def linear(x: np.ndarray, p: dict[str, np.ndarray]) -> np.ndarray:
    return x.astype(F64) @ p["weight"].astype(F64).T + p["bias"].astype(F64)


def causal_mask(lq: int, lk: int | None = None) -> np.ndarray:
    """Bool ``(lq, lk)``, True = may attend; the last query sits at the last key."""
    lk = lq if lk is None else lk
    return np.tril(np.ones((lq, lk), dtype=bool), k=lk - lq)


def random_mask(rng: np.random.Generator, shape: tuple[int, ...], p: float = 0.6) -> np.ndarray:
    """Random bool mask with at least one allowed key per query row."""
    mask = rng.random(shape) < p
    rows = ~mask.any(axis=-1)
    first = rng.integers(0, shape[-1], size=rows.shape)
    mask[rows, first[rows]] = True
    return mask


def padding_mask(rng: np.random.Generator, batch: int, lk: int) -> np.ndarray:
    """``(B, 1, 1, Lk)`` key-padding mask; sequence 0 is full length, the others shorter."""
    keep = rng.integers(1, lk, size=batch)
    keep[0] = lk
    return (np.arange(lk)[None, :] < keep[:, None])[:, None, None, :]


def build_mask(rng: np.random.Generator, kind: str | None, batch: int, n_heads: int, lq: int,
               lk: int) -> np.ndarray | None:
    """None, ``causal`` (Lq, Lk), ``padding`` (B, 1, 1, Lk), ``causal_padding`` (B, 1, Lq, Lk),
    ``per_head`` (B, H, Lq, Lk) or ``per_batch`` (B, 1, Lq, Lk)."""
    if kind is None:
        return None
    if kind == "causal":
        return causal_mask(lq, lk)
    if kind == "padding":
        return padding_mask(rng, batch, lk)
    if kind == "causal_padding":
        return causal_mask(lq, lk)[None, None] & padding_mask(rng, batch, lk)
    shape = (batch, n_heads if kind == "per_head" else 1, lq, lk)
    return random_mask(rng, shape)


# --------------------------------------------------------------------------------- reference

@dataclass(frozen=True)
class Variant:
    """A way to compute attention; the default is correct, the others are classic mistakes."""

    scale: str = "d_head"  # "d_model", "none"
    mask: str = "ok"  # "inverted", "ignored"
    split: str = "ok"  # "no_transpose" (split and merge), "merge_no_transpose"
    kv_map: str = "div"  # "mod": query head h uses kv head h % n_kv (repeat, not interleave)
    out_proj: bool = True
    softmax_dim: int = -1


ATTENTION_MISTAKES: tuple[tuple[Variant, str], ...] = (
    (Variant(scale="d_model"), "scores look scaled by 1/sqrt(d_model); scale by "
                               "1/sqrt(d_head) with d_head = d_model // n_heads"),
    (Variant(scale="none"), "scores look unscaled; divide q·k by sqrt(d_head)"),
    (Variant(mask="inverted"), "the mask looks inverted: True means the key MAY be attended"),
    (Variant(mask="ignored"), "the mask looks ignored"),
    (Variant(split="no_transpose"), "heads look split with view(B, n_heads, L, d_head) "
                                    "without a transpose; use view(B, L, n_heads, d_head)"
                                    ".transpose(1, 2)"),
    (Variant(split="merge_no_transpose"), "heads look merged without transposing back; use "
                                          "out.transpose(1, 2).reshape(B, L, d_model)"),
    (Variant(kv_map="mod"), "query head h looks paired with kv head h % n_kv_heads (repeat); "
                            "it must use kv head h // (n_heads // n_kv_heads) (repeat_interleave)"),
    (Variant(out_proj=False), "the output projection w_o looks missing"),
    (Variant(softmax_dim=-2), "softmax looks taken over the query dimension; use the last "
                              "(key) dimension"),
)


def split_heads(x: np.ndarray, n: int, mode: str = "ok") -> np.ndarray:
    """``(B, L, n * dh)`` -> ``(B, n, L, dh)``."""
    b, length, width = x.shape
    if mode == "no_transpose":
        return x.reshape(b, n, length, width // n)
    return x.reshape(b, length, n, width // n).transpose(0, 2, 1, 3)


def merge_heads(o: np.ndarray, mode: str = "ok") -> np.ndarray:
    b, h, length, dh = o.shape
    if mode == "ok":
        return o.transpose(0, 2, 1, 3).reshape(b, length, h * dh)
    return o.reshape(b, length, h * dh)


def softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def attention(xq: np.ndarray, xk: np.ndarray, xv: np.ndarray, params: Params, n_heads: int,
              n_kv_heads: int | None = None, mask: np.ndarray | None = None,
              variant: Variant = Variant()) -> np.ndarray:
    """float64 (grouped-query) attention with projections ``w_q, w_k, w_v, w_o``."""
    n_kv = n_kv_heads or n_heads
    q = split_heads(linear(xq, params["w_q"]), n_heads, variant.split)
    k = split_heads(linear(xk, params["w_k"]), n_kv, variant.split)
    v = split_heads(linear(xv, params["w_v"]), n_kv, variant.split)
    heads = np.arange(n_heads)
    kv_index = heads % n_kv if variant.kv_map == "mod" else heads // (n_heads // n_kv)
    k, v = k[:, kv_index], v[:, kv_index]
    d_head = q.shape[-1]
    scale = {"d_head": d_head, "d_model": n_heads * d_head, "none": 1}[variant.scale]
    logits = q @ np.swapaxes(k, -1, -2) / np.sqrt(scale)
    if mask is not None and variant.mask != "ignored":
        allowed = ~mask if variant.mask == "inverted" else mask
        logits = np.where(allowed, logits, _FILL)
    out = merge_heads(softmax(logits, variant.softmax_dim) @ v, variant.split)
    return linear(out, params["w_o"]) if variant.out_proj else out


# --------------------------------------------------------------------------------- checks

def tensor_output(outputs: Outputs, key: str, label: str | None = None) -> np.ndarray:
    return compare.as_array(outputs, key, "tensor", label or key)


def item_array(value: dict, label: str, expect: str = "tensor") -> np.ndarray:
    """The array of one exported value (e.g. an item of a returned list)."""
    return compare.as_array({"value": value}, "value", expect, label)


def list_items(outputs: Outputs, key: str) -> list[dict]:
    value = compare.get(outputs, key)
    if value.get("type") not in ("list", "tuple", "sequence"):
        raise CaseFailure(f"internal: `{key}` is not a list")
    return compare.items(value)


def matching_hint(got: np.ndarray, expected: np.ndarray, hints: Iterable[Hint]) -> str | None:
    """The first hint whose mistaken result ``got`` reproduces, if any.

    A mistake matches when ``got`` is loosely close to it and clearly closer to it than to the
    expected value, so a small unrelated error never earns a misleading hint.
    """
    got = np.asarray(got, dtype=F64)
    if not np.isfinite(got).all() or got.shape != np.shape(expected):
        return None
    miss = float(np.max(np.abs(got - expected))) if got.size else 0.0
    for text, compute in hints:
        try:
            wrong = np.asarray(compute(), dtype=F64)
        except (ArithmeticError, IndexError, KeyError, TypeError, ValueError):
            continue  # a mistake that cannot be reproduced for this case
        if wrong.shape != got.shape or not np.allclose(got, wrong, rtol=_HINT_TOL[0],
                                                       atol=_HINT_TOL[1]):
            continue
        if float(np.max(np.abs(got - wrong))) <= 0.2 * miss:
            return text
    return None


def assert_close_hinted(label: str, got: np.ndarray, expected: np.ndarray,
                        hints: Iterable[Hint] = (), tol: tuple[float, float] = compare.F32_TOL,
                        nan_hint: str | None = None) -> None:
    """``compare.assert_close``; on failure append the matching mistake hint, if any."""
    try:
        compare.assert_close(label, got, expected, tol)
    except CaseFailure as failure:
        hint = matching_hint(got, expected, hints)
        if hint is None and nan_hint and not np.isfinite(np.asarray(got, F64)).all():
            hint = nan_hint
        if hint is None:
            raise
        raise CaseFailure(f"{failure}. Hint: {hint}") from None


MASK_NAN_HINT = ("a query row whose keys are all masked gives NaN; is the mask inverted? "
                 "True means the key MAY be attended")


def attention_hints(xq: np.ndarray, xk: np.ndarray, xv: np.ndarray, params: Params,
                    n_heads: int, n_kv_heads: int | None = None,
                    mask: np.ndarray | None = None) -> list[Hint]:
    def compute(variant: Variant) -> Callable[[], np.ndarray]:
        return lambda: attention(xq, xk, xv, params, n_heads, n_kv_heads, mask, variant)

    return [(text, compute(variant)) for variant, text in ATTENTION_MISTAKES]


def check_no_leak(outputs: Outputs, t: int, what: str = "tokens") -> None:
    """``output_a`` / ``output_b`` came from inputs that differ only at positions >= ``t``."""
    a = tensor_output(outputs, "output_a", "output")
    b = tensor_output(outputs, "output_b", "output (second call)")
    if a.shape != b.shape or a.ndim != 3:
        raise CaseFailure(f"output should have shape (B, L, d_model), got {a.shape} and {b.shape}")
    diff = np.abs(a[:, :t].astype(F64) - b[:, :t].astype(F64))
    if not np.isfinite(diff).all() or diff.max() > 1e-5:
        bad = np.argwhere(~(diff <= 1e-5))[0]
        raise CaseFailure(
            f"output at position {int(bad[1])} (batch {int(bad[0])}) changed when only {what} "
            f"at positions >= {t} were changed: the causal mask leaks future tokens "
            "(a token may attend only to itself and earlier positions)")
    if np.allclose(a, b, atol=1e-6):
        raise CaseFailure(f"output at positions >= {t} did not change when those {what} "
                          "changed: each token must attend to itself")


# --------------------------------------------------------------------------------- self-attention

def self_attention_params(rng: np.random.Generator, d_model: int, n_heads: int,
                          n_kv_heads: int) -> Params:
    d_kv = n_kv_heads * (d_model // n_heads)
    return {"w_q": make_linear(rng, d_model, d_model), "w_k": make_linear(rng, d_model, d_kv),
            "w_v": make_linear(rng, d_model, d_kv), "w_o": make_linear(rng, d_model, d_model)}


def self_attention_case(name: str, rng: np.random.Generator, args: list[int], n_kv_heads: int,
                        batch: int, length: int, mask_kind: str | None,
                        weight: float = 2.0) -> Case:
    """A case for ``Module(*args)(x, mask)`` with ``args = [d_model, n_heads, ...]``."""
    d_model, n_heads = args[0], args[1]
    x = rng.standard_normal((batch, length, d_model)).astype(np.float32)
    mask = build_mask(rng, mask_kind, batch, n_heads, length, length)
    params = self_attention_params(rng, d_model, n_heads, n_kv_heads)
    expected = attention(x, x, x, params, n_heads, n_kv_heads, mask)

    def check(outputs: Outputs) -> None:
        got = tensor_output(outputs, "output")
        hints = attention_hints(x, x, x, params, n_heads, n_kv_heads, mask)
        nan_hint = MASK_NAN_HINT if mask is not None else None
        assert_close_hinted("output", got, expected, hints, nan_hint=nan_hint)

    payload = {"args": args, "params": params, "x": x, "mask": mask}
    return Case(name=name, payload=payload, check=check, weight=weight)


def self_attention_leak_case(name: str, rng: np.random.Generator, args: list[int],
                             n_kv_heads: int, batch: int, length: int, t: int) -> Case:
    """Causal self-attention on ``x`` and on ``x`` with tokens ``>= t`` replaced."""
    d_model, n_heads = args[0], args[1]
    x = rng.standard_normal((batch, length, d_model)).astype(np.float32)
    x2 = x.copy()
    x2[:, t:] = rng.standard_normal((batch, length - t, d_model))
    payload = {"args": args, "params": self_attention_params(rng, d_model, n_heads, n_kv_heads),
               "x": x, "x_perturbed": x2, "mask": causal_mask(length)}
    return Case(name=name, payload=payload, op="leak",
                check=lambda outputs: check_no_leak(outputs, t), weight=1.0)
