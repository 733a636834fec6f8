"""Speculative sampling's verification step, judged statistically (5 binomial standard errors)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from evaluators import compare
from evaluators.common_stats import check_distribution, check_rate, draft_tokens
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torch",)
DRAWS = 6000


def _norm(w: np.ndarray) -> np.ndarray | None:
    total = w.sum()
    return None if total <= 0 else w / total


def position_mistakes(q: np.ndarray, p: np.ndarray) -> dict[str, np.ndarray | None]:
    """Distribution of the token at a position < K under classic mistakes (given it exists)."""
    accepted = np.minimum(p, q)
    reject = 1.0 - accepted.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        inverted = q * np.minimum(1.0, np.where(p > 0, q / p, 1.0))
    residual = _norm(np.maximum(p - q, 0.0))
    swapped = _norm(np.maximum(q - p, 0.0))
    return {
        "resampling from target_probs[i] after a rejection — resample from the residual "
        "max(p_i − q_i, 0), renormalised": accepted + reject * p,
        "a residual of max(q_i − p_i, 0) — the residual is max(p_i − q_i, 0)":
            None if swapped is None else accepted + reject * swapped,
        "resampling from draft_probs[i] after a rejection — resample from the residual "
        "max(p_i − q_i, 0)": accepted + reject * q,
        "accepting with probability min(1, q/p) — the ratio is p_i[x] / q_i[x] (target over "
        "draft)": None if residual is None else inverted + (1 - inverted.sum()) * residual,
        "the draft distribution: drafts look always accepted — accept x with probability "
        "min(1, p_i[x] / q_i[x])": q,
    }


def _lengths(outputs: Outputs, k: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    tokens = compare.as_array(outputs, "tokens", "ndarray").astype(np.int64)
    lengths = compare.as_array(outputs, "lengths", "ndarray").astype(np.int64)
    if len(lengths) != n:
        raise CaseFailure(f"internal: {len(lengths)} results for {n} calls")
    if (lengths == 0).any():
        raise CaseFailure("a call returned an empty list: return the accepted drafts followed by "
                          "exactly one drawn token (at least one token)")
    if (lengths > k + 1).any():
        i = int(np.argmax(lengths > k + 1))
        raise CaseFailure(f"call {i} returned {lengths[i]} tokens for K = {k} drafts; at most "
                          f"K + 1: stop at the first rejection, append one token, return")
    return tokens, lengths


def _check_prefix(tokens: np.ndarray, lengths: np.ndarray, drafts: np.ndarray) -> None:
    for i, (row, n) in enumerate(zip(tokens, lengths, strict=True)):
        if n > 1 and (row[:n - 1] != drafts[i, :n - 1]).any():
            raise CaseFailure(f"call {i} returned {row[:n].tolist()} for draft tokens "
                              f"{drafts[i].tolist()}: every token but the last must be an "
                              "accepted draft token, in order (stop at the first rejection)")


def _check_bonus_exists(lengths: np.ndarray, k: int, alphas: np.ndarray) -> None:
    if k and np.prod(alphas) > 0.05 and not (lengths == k + 1).any():
        raise CaseFailure(f"no call returned K + 1 = {k + 1} tokens: when all K drafts are "
                          "accepted, append a bonus token drawn from target_probs[K]")


def _check_positions(tokens: np.ndarray, lengths: np.ndarray, q: np.ndarray,
                     p: np.ndarray) -> None:
    k, vocab = q.shape[0], p.shape[1]
    for i in range(k + 1):
        reached = tokens[lengths > i, i]
        counts = np.bincount(reached, minlength=vocab)
        if i < k:
            mistakes = position_mistakes(q[i], p[i])
            where = f"the token at position {i} (given the output is longer than {i})"
        else:
            mistakes = {"target_probs[K − 1] — the bonus token comes from target_probs[K]":
                        p[k - 1] if k else None,
                        "draft_probs[K − 1] — the bonus token comes from target_probs[K]":
                        q[k - 1] if k else None}
            where = ("the bonus token (position K, after all drafts were accepted)" if k else
                     "the token returned for K = 0")
        check_distribution(counts, p[i], f"{where} should follow target_probs[{i}]", mistakes)


def _check_acceptance(lengths: np.ndarray, alphas: np.ndarray) -> None:
    n = len(lengths)
    accepted = lengths - 1
    for j in range(1, len(alphas) + 1):
        check_rate(int((accepted >= j).sum()), n, float(np.prod(alphas[:j])),
                   f"calls accepting at least {j} draft token(s)",
                   " — accept draft x with probability min(1, p_i[x] / q_i[x]) using one "
                   "rng.random() draw per draft")


def _check(q: np.ndarray, p: np.ndarray, drafts: np.ndarray):
    k = q.shape[0]
    alphas = np.minimum(p[:k], q).sum(axis=1)

    def check(outputs: Outputs) -> None:
        tokens, lengths = _lengths(outputs, k, len(drafts))
        _check_prefix(tokens, lengths, drafts)
        _check_bonus_exists(lengths, k, alphas)
        _check_positions(tokens, lengths, q, p)
        _check_acceptance(lengths, alphas)

    return check


def _payload(q: np.ndarray, p: np.ndarray, seed: int, draws: int) -> dict[str, object]:
    return {"draft_probs": q, "target_probs": p, "draft_seed": seed + 1000, "seed": seed,
            "draws": draws}


def _case(name: str, q: ArrayLike, p: ArrayLike, seed: int, weight: float = 3.0,
          as_array: bool = False) -> Case:
    qa, pa = np.asarray(q, dtype=np.float64), np.asarray(p, dtype=np.float64)
    draft = (qa / qa.sum(axis=1, keepdims=True)).reshape(-1, pa.shape[1])
    target = pa / pa.sum(axis=1, keepdims=True)
    payload = {**_payload(draft, target, seed, DRAWS), "as_array": as_array}
    drafts = draft_tokens(seed + 1000, draft, DRAWS)
    return Case(name=name, payload=payload, check=_check(draft, target, drafts), weight=weight)


def _check_repeat(outputs: Outputs) -> None:
    first = compare.to_python(compare.get(outputs, "first"))
    second = compare.to_python(compare.get(outputs, "second"))
    if first != second:
        i = next(i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b)
        raise CaseFailure(f"two runs with identically seeded `rng` differ at call {i} "
                          f"({first[i]} vs {second[i]}): draw every random number from the `rng` "
                          "argument (rng.random, rng.choice), not np.random or random")


def _check_types(outputs: Outputs) -> None:
    for value in compare.items(compare.get(outputs, "results")):
        if value.get("type") != "list":
            raise CaseFailure(f"speculative_accept must return a list, got a {value.get('type')}")
        bad = [item for item in compare.items(value) if item.get("type") != "int"]
        if bad:
            raise CaseFailure(
                "speculative_accept must return Python ints, also when draft_tokens is an int "
                f"array (int(token)); got items of type {bad[0].get('type')} "
                f"{bad[0].get('dtype', '')}".rstrip())


MIXED_Q = [[0.30, 0.10, 0.20, 0.00, 0.15, 0.05, 0.12, 0.08],
           [0.05, 0.35, 0.00, 0.20, 0.10, 0.10, 0.10, 0.10],
           [0.10, 0.10, 0.30, 0.10, 0.00, 0.20, 0.10, 0.10]]
MIXED_P = [[0.10, 0.25, 0.15, 0.10, 0.00, 0.15, 0.15, 0.10],
           [0.20, 0.15, 0.10, 0.10, 0.15, 0.10, 0.10, 0.10],
           [0.05, 0.20, 0.20, 0.15, 0.10, 0.10, 0.10, 0.10],
           [0.30, 0.05, 0.05, 0.20, 0.10, 0.10, 0.00, 0.20]]
EDGE_Q = [[0.25, 0.25, 0.25, 0.25, 0.0, 0.0],   # equals p_0: always accepted
          [0.10, 0.40, 0.10, 0.20, 0.20, 0.0],
          [0.50, 0.50, 0.00, 0.00, 0.0, 0.0]]   # disjoint from p_2: always rejected
EDGE_P = [[0.25, 0.25, 0.25, 0.25, 0.0, 0.0],
          [0.30, 0.10, 0.20, 0.10, 0.10, 0.2],
          [0.00, 0.00, 0.40, 0.30, 0.2, 0.1],
          [0.20, 0.20, 0.20, 0.20, 0.1, 0.1]]


def make_cases() -> list[Case]:
    k0_p = [[0.05, 0.30, 0.00, 0.25, 0.40]]
    cases = [
        _case("k3_mixed_acceptance_and_bonus", MIXED_Q, MIXED_P, 71),
        _case("k3_always_accept_then_always_reject_array_drafts", EDGE_Q, EDGE_P, 72,
              as_array=True),
        _case("k0_returns_one_token_from_p0", np.zeros((0, 5)), k0_p, 73, weight=2.0),
    ]
    q = np.asarray(MIXED_Q)
    p = np.asarray(MIXED_P)
    repeat = _payload(q, p, 74, 40)
    cases.append(Case(name="reproducible_with_same_rng_seed", payload=repeat, op="repeat",
                      check=_check_repeat, weight=0.5))
    cases.append(Case(name="returns_list_of_python_ints", payload=_payload(q, p, 75, 20),
                      op="types", check=_check_types, weight=0.5))
    return cases


PROBLEM = Problem(
    id="speculative_accept",
    title_zh="投机采样：一次验证步骤",
    title_en="Speculative sampling: one verification step",
    difficulty="hard",
    tags=("decoding", "speculative-decoding", "sampling", "llm", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=60.0,
)
