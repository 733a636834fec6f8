"""Statistical checks of the wave-2 samplers (``speculative_accept``, ``dropout``).

The contract (``problems-wave2.md``): at least 6000 draws or 50 000 elements with a fixed seed;
each observed frequency must lie within 5 binomial standard errors of its exact value (a false
alarm below ~2e-6 per frequency), and an outcome of exact probability 0 must never occur.

Sandbox side (numpy only, used by drivers): :func:`draft_tokens`, the grader's own draws of draft
tokens for speculative sampling, so that both sides know them from a seed.

Trusted side: :func:`within`, :func:`check_distribution` (every frequency of a categorical
sample) and :func:`check_rate` (one frequency), with the classic mistakes a failed sample fits
named in the message.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from evaluators.problem import CaseFailure

SE_LIMIT = 5.0


def draft_tokens(seed: int, draft_probs: np.ndarray, draws: int) -> np.ndarray:
    """``(draws, K)`` int64: column ``i`` drawn from row ``i`` of ``draft_probs`` (inverse CDF)."""
    rng = np.random.default_rng(seed)
    k, v = draft_probs.shape
    tokens = np.zeros((draws, k), dtype=np.int64)
    for i in range(k):
        cdf = np.cumsum(draft_probs[i])
        u = rng.random(draws) * cdf[-1]
        picked = np.minimum(np.searchsorted(cdf, u, side="right"), v - 1)
        last = int(np.flatnonzero(draft_probs[i] > 0)[-1])
        tokens[:, i] = np.where(draft_probs[i][picked] > 0, picked, last)
    return tokens


# ----------------------------------------------------------------------- trusted side only

def deviation(count: float, n: int, prob: float) -> float:
    """How many binomial standard errors the frequency ``count / n`` is from ``prob``."""
    if n == 0:
        return 0.0
    if prob <= 0.0 or prob >= 1.0:
        return 0.0 if count == prob * n else float("inf")
    return abs(count / n - prob) / np.sqrt(prob * (1 - prob) / n)


def within(counts: np.ndarray, n: int, probs: np.ndarray) -> bool:
    return all(deviation(c, n, p) <= SE_LIMIT for c, p in zip(counts, probs, strict=True))


def _fitting(counts: np.ndarray, n: int, mistakes: Mapping[str, np.ndarray | None]) -> str:
    for hint, probs in mistakes.items():
        if probs is not None and within(counts, n, probs):
            return f" — the draws fit {hint}"
    return ""


def check_distribution(counts: np.ndarray, probs: np.ndarray, what: str,
                       mistakes: Mapping[str, np.ndarray | None] | None = None) -> None:
    """Every category's frequency within 5 SE of ``probs``; probability-0 categories never."""
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    if n == 0:
        return
    impossible = np.flatnonzero((probs == 0) & (counts > 0))
    if impossible.size:
        t = int(impossible[0])
        raise CaseFailure(f"{what}: token {t} appeared {counts[t]} times in {n} draws, but its "
                          "probability is exactly 0" + _fitting(counts, n, mistakes or {}))
    devs = [deviation(c, n, p) for c, p in zip(counts, probs, strict=True)]
    worst = int(np.argmax(devs))
    if devs[worst] > SE_LIMIT:
        raise CaseFailure(
            f"{what}: token {worst} came {counts[worst]} times in {n} draws "
            f"({counts[worst] / n:.4f}); its exact probability is {probs[worst]:.4f} (about "
            f"{probs[worst] * n:.0f} expected, {devs[worst]:.1f} standard errors away)"
            + _fitting(counts, n, mistakes or {}))


def check_rate(count: int, n: int, prob: float, what: str, hint: str = "") -> None:
    """One frequency within 5 SE of ``prob``."""
    dev = deviation(count, n, prob)
    if dev > SE_LIMIT:
        raise CaseFailure(f"{what}: {count} of {n} ({count / n:.4f}); expected {prob:.4f} "
                          f"({dev:.1f} standard errors away){hint}")
