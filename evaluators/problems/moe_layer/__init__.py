"""Top-k mixture-of-experts layer: values, gradients and sparse dispatch (rows per expert)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.common_grad import autograd, check_after_reload, check_grads
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ()
F64 = np.float64
GAP = 0.05  # the k-th and (k+1)-th largest gate logits of every token are at least this apart
Linears = dict[str, dict[str, Any]]


def _gelu(z: np.ndarray, kind: str = "erf") -> np.ndarray:
    from scipy.special import erf

    if kind == "tanh":
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)))
    if kind == "relu":
        return np.maximum(z, 0.0)
    return 0.5 * z * (1.0 + erf(z / np.sqrt(2.0)))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def route(tokens: np.ndarray, p: Linears, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(top-k expert ids (N, k), gate logits (N, E)) in float64."""
    logits = tokens.astype(F64) @ p["gate"]["weight"].astype(F64).T
    return np.argsort(-logits, axis=1)[:, :k], logits


def moe(x: np.ndarray, p: Linears, n_experts: int, k: int, weights: str = "topk",
        act: str = "erf") -> np.ndarray:
    """float64 MoE; ``weights`` / ``act`` reproduce classic mistakes."""
    d = x.shape[-1]
    tokens = x.reshape(-1, d).astype(F64)
    top, logits = route(tokens, p, k)
    chosen = np.take_along_axis(logits, top, axis=1)
    w = {"topk": lambda: _softmax(chosen),
         "full": lambda: np.take_along_axis(_softmax(logits), top, axis=1),
         "logits": lambda: chosen,
         "uniform": lambda: np.full(chosen.shape, 1.0 / k)}[weights]()
    out = np.zeros_like(tokens)
    for e in range(n_experts):
        f1, f2 = p[f"experts.{e}.fc1"], p[f"experts.{e}.fc2"]
        h = _gelu(tokens @ f1["weight"].astype(F64).T + f1["bias"], act)
        y = h @ f2["weight"].astype(F64).T + f2["bias"]
        out += (w * (top == e)).sum(axis=1, keepdims=True) * y
    return out.reshape(x.shape)


def _torch_moe(k: int, n_experts: int, **t: Any) -> Any:
    import torch
    import torch.nn.functional as F

    x = t["x"]
    tokens = x.reshape(-1, x.shape[-1])
    top_v, top_i = (tokens @ t["gate.weight"].T).topk(k, dim=-1)
    w = torch.softmax(top_v, dim=-1)
    out = torch.zeros_like(tokens)
    for e in range(n_experts):
        rows, slot = torch.where(top_i == e)
        h = F.gelu(tokens[rows] @ t[f"experts.{e}.fc1.weight"].T + t[f"experts.{e}.fc1.bias"])
        y = h @ t[f"experts.{e}.fc2.weight"].T + t[f"experts.{e}.fc2.bias"]
        out = out.index_add(0, rows, w[rows, slot, None] * y)
    return out.reshape(x.shape)


def _hints(x: np.ndarray, p: Linears, n_experts: int, k: int) -> list[ca.Hint]:
    def variant(**kwargs: str):
        return lambda: moe(x, p, n_experts, k, **kwargs)

    return [
        ("the weights look like the softmax over ALL experts without renormalising the top-k "
         "probabilities; use softmax over the top-k logits only", variant(weights="full")),
        ("the raw top-k gate logits were used as weights; take their softmax",
         variant(weights="logits")),
        ("every chosen expert got weight 1/top_k; weight them by the softmax of their logits",
         variant(weights="uniform")),
        ("GELU looks like the tanh approximation; use the exact erf GELU (F.gelu default, "
         "nn.GELU())", variant(act="tanh")),
        ("the experts use ReLU; they compute fc2(GELU(fc1(h)))", variant(act="relu")),
    ]


def _params(rng: np.random.Generator, d: int, hidden: int, n_experts: int) -> Linears:
    def linear(d_in: int, d_out: int, bias: bool = True) -> dict[str, Any]:
        p = ca.make_linear(rng, d_in, d_out)
        return p if bias else {"weight": p["weight"] * 3.0, "bias": None}

    params = {"gate": linear(d, n_experts, bias=False)}
    for e in range(n_experts):
        params[f"experts.{e}.fc1"] = linear(d, hidden)
        params[f"experts.{e}.fc2"] = linear(hidden, d)
    return params


def _tokens(rng: np.random.Generator, shape: tuple[int, ...], p: Linears, k: int) -> np.ndarray:
    """Random inputs whose top-k choice is unambiguous (a clear gap after the k-th logit)."""
    d = shape[-1]
    tokens = rng.standard_normal((int(np.prod(shape[:-1])), d))
    n_experts = p["gate"]["weight"].shape[0]
    for _ in range(1000):
        _, logits = route(tokens.astype(np.float32), p, k)
        ordered = -np.sort(-logits, axis=1)
        bad = (ordered[:, k - 1] - ordered[:, k] < GAP) if k < n_experts else np.zeros(0, bool)
        if not bad.any():
            return tokens.reshape(shape).astype(np.float32)
        tokens[bad] = rng.standard_normal((int(bad.sum()), d))
    raise ValueError("could not draw tie-free tokens")


def _setup(rng: np.random.Generator, shape: tuple[int, ...], hidden: int, n_experts: int,
           k: int) -> tuple[np.ndarray, Linears, dict[str, Any]]:
    p = _params(rng, shape[-1], hidden, n_experts)
    x = _tokens(rng, shape, p, k)
    return x, p, {"args": [shape[-1], hidden, n_experts, k], "linears": p, "x": x}


def _grad_arrays(x: np.ndarray, p: Linears) -> dict[str, np.ndarray]:
    arrays = {"x": x}
    for path, layer in p.items():
        arrays[f"{path}.weight"] = layer["weight"]
        if layer["bias"] is not None:
            arrays[f"{path}.bias"] = layer["bias"]
    return arrays


def _run_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], hidden: int,
              n_experts: int, k: int, weight: float = 2.0) -> Case:
    x, p, payload = _setup(rng, shape, hidden, n_experts, k)
    g = rng.standard_normal(shape).astype(np.float32)
    payload["cotangent"] = g
    expected = moe(x, p, n_experts, k)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output")
        ca.assert_close_hinted("output", got, expected, _hints(x, p, n_experts, k))
        arrays = _grad_arrays(x, p)
        names = [n for n in arrays if n != "x"]
        formula = lambda **t: _torch_moe(k, n_experts, **t)  # noqa: E731
        _, grads = autograd(formula, arrays, names, g)
        check_grads(outputs, grads, advice="route with torch ops so gradients reach the gate "
                                           "(through the softmax weights) and the experts")

    return Case(name=name, payload=payload, check=check, weight=weight)


def _match_rows(got: np.ndarray, tokens: np.ndarray) -> list[int] | None:
    """Token index of every received row, or None if some row is not an input token."""
    found = []
    for row in got:
        hits = np.flatnonzero(np.all(np.abs(tokens - row) <= 1e-6 * (1 + np.abs(row)), axis=1))
        if len(hits) == 0:
            return None
        found.append(int(hits[0]))
    return found


def _check_rows(rows: list[np.ndarray], tokens: np.ndarray, top: np.ndarray, k: int) -> None:
    n, n_experts = len(tokens), len(rows)
    counts = [len(r) for r in rows]
    if sum(counts) == 0:
        raise CaseFailure("the experts were never called: forward must call the expert modules "
                          "themselves, self.experts[e](h) (the grader swapped in its own experts; "
                          "do not reach into fc1/fc2 or keep a copy of the experts list)")
    if all(c == n for c in counts) and k < n_experts:
        raise CaseFailure(f"every expert was run on every token ({n} rows each): that is dense "
                          f"compute. Run expert e only on the tokens routed to it — {n * k} rows "
                          f"in total for N={n} tokens and top_k={k}")
    for e, got in enumerate(rows):
        want = sorted(int(t) for t in np.flatnonzero((top == e).any(axis=1)))
        if len(got) != len(want):
            raise CaseFailure(f"expert {e} received {len(got)} rows, expected {len(want)} (the "
                              f"tokens whose top-{k} includes it); all experts together received "
                              f"{sum(counts)} rows, expected N·top_k = {n * k}")
        matched = _match_rows(got, tokens)
        if matched is None or sorted(matched) != want:
            raise CaseFailure(f"expert {e} received rows that are not the tokens routed to it "
                              f"(expected tokens {want[:10]}): pass the input rows themselves, "
                              "h = x_flat[token_ids]")


def _received(outputs: Outputs, n_experts: int, d_model: int) -> list[np.ndarray]:
    """The rows each grader expert was called on, from its calls in order."""
    called = compare.to_python(compare.get(outputs, "called")) or []
    items = ca.list_items(outputs, "received")
    rows: list[list[np.ndarray]] = [[] for _ in range(n_experts)]
    for expert, item in zip(called, items, strict=True):
        if item.get("type") != "ndarray":
            raise CaseFailure(f"expert {expert} was called with a "
                              f"{item.get('repr', item.get('type'))} or while a torch function "
                              "or dispatch mode was active: pass it the input rows as a plain "
                              "torch.Tensor, h = x_flat[token_ids]")
        rows[expert].append(np.asarray(item["array"], dtype=F64).reshape(-1, d_model))
    return [np.concatenate(r) if r else np.zeros((0, d_model)) for r in rows]


def _dispatch_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], hidden: int,
                   n_experts: int, k: int) -> Case:
    x, p, payload = _setup(rng, shape, hidden, n_experts, k)
    tokens = x.reshape(-1, shape[-1]).astype(F64)
    top, _ = route(tokens, p, k)
    expected = moe(x, p, n_experts, k)

    def check(outputs: Outputs) -> None:
        _check_rows(_received(outputs, n_experts, shape[-1]), tokens, top, k)
        ca.assert_close_hinted("output", ca.tensor_output(outputs, "output"), expected,
                               _hints(x, p, n_experts, k))

    return Case(name=name, payload=payload, check=check, op="dispatch", weight=3.0)


def _reload_case(name: str, rng: np.random.Generator) -> Case:
    shape, hidden, n_experts, k = (2, 3, 6), 8, 3, 2
    x, p, payload = _setup(rng, shape, hidden, n_experts, k)
    second = _params(rng, shape[-1], hidden, n_experts)
    second["gate"] = p["gate"]  # same routing: only the values change
    payload["linears2"] = second
    expected = moe(x, second, n_experts, k)
    return Case(name=name, payload=payload, op="reload", weight=1.0,
                check=lambda outputs: check_after_reload(outputs, expected))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270104)
    return [
        _run_case("top2_of_4_b2_l5", rng, (2, 5, 8), 16, 4, 2),
        _run_case("top1_weight_is_one", rng, (3, 4, 6), 10, 4, 1),
        _run_case("top_k_equals_n_experts_dense_mixture", rng, (2, 3, 6), 8, 3, 3),
        _run_case("two_dim_input_top2_of_8_odd_n33", rng, (33, 8), 12, 8, 2),
        _run_case("batch1_single_token", rng, (1, 1, 5), 7, 3, 2, weight=1.0),
        _dispatch_case("sparse_dispatch_rows_per_expert_top2_of_6", rng, (4, 6, 8), 12, 6, 2),
        _dispatch_case("sparse_dispatch_top1_of_4", rng, (20, 6), 8, 4, 1),
        _reload_case("parameters_changed_between_calls", rng),
    ]


PROBLEM = Problem(
    id="moe_layer",
    title_zh="混合专家层（MoE，top-k 路由）",
    title_en="Mixture-of-experts layer (top-k routing)",
    difficulty="hard",
    tags=("moe", "routing", "llm", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
