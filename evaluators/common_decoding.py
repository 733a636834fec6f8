"""Shared pieces of the decoding problems (greedy, beam search and the three samplers).

Sandbox side (used by the drivers, numpy only):

* :class:`ToyLM`, the deterministic toy language model handed to candidates as ``next_logits``.
  It is built from three arrays shipped in the payload, and the trusted side builds the very same
  object from the same arrays, so both sides see bit-identical logits: ``next_logits(ids)`` is
  ``last[ids[-1]] + prev[ids[-2]] + pos[len(ids)]`` (row ``V`` stands for "no token there"; the
  position row is clipped to the last one). Only lookups and two additions, in a fixed order.
* :func:`count_draws` / :func:`repeat_draws`: call a candidate's sampler many times with one
  seeded ``numpy.random.Generator`` and return the token counts / the raw draws.

Trusted side: :func:`check_frequencies`, a G-test of the counts against the exact float64
distribution (false-alarm rate about 1e-8 per test) with hints when the counts fit a classic
mistake; :func:`check_same_draws`; :func:`random_toy_lm` and :func:`sequence_score`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from evaluators.compare import as_int_list
from evaluators.driver_api import SubmissionError
from evaluators.problem import CaseFailure

P_VALUE_THRESHOLD = 1e-8
MIN_EXPECTED = 10.0  # bins with a smaller expected count are pooled before the G-test


def _as_int(value: Any, what: str) -> int:
    """An int from a Python int, numpy integer, or one-element integer array / tensor."""
    if hasattr(value, "reshape") and not isinstance(value, np.generic):
        size = value.numel() if callable(getattr(value, "numel", None)) else value.size
        if size != 1:
            raise SubmissionError(f"{what} must be an int, got an array of {size} elements")
        value = value.reshape(-1)[0]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int):
        raise SubmissionError(f"{what} must be an int, got {type(value).__name__} {value!r:.60}")
    return value


class ToyLM:
    """``next_logits(ids) -> ndarray (V,)``, deterministic, float64."""

    def __init__(self, last: np.ndarray, prev: np.ndarray, pos: np.ndarray) -> None:
        self.vocab_size = last.shape[1]
        if last.shape != (self.vocab_size + 1, self.vocab_size) or prev.shape != last.shape \
                or pos.ndim != 2 or pos.shape[1] != self.vocab_size:
            raise ValueError("ToyLM: last/prev must be (V + 1, V) and pos (P, V)")
        self.last, self.prev, self.pos = (np.asarray(a, dtype=np.float64)
                                          for a in (last, prev, pos))

    @classmethod
    def from_payload(cls, payload: dict[str, np.ndarray]) -> ToyLM:
        return cls(np.array(payload["last"]), np.array(payload["prev"]), np.array(payload["pos"]))

    def to_payload(self) -> dict[str, np.ndarray]:
        return {"last": self.last, "prev": self.prev, "pos": self.pos}

    def token_ids(self, ids: Any) -> list[int]:
        if hasattr(ids, "tolist"):
            ids = ids.tolist()
        if not isinstance(ids, Sequence) or isinstance(ids, str):
            raise SubmissionError(f"next_logits expects a list of token ids, got "
                                  f"{type(ids).__name__}")
        tokens = [_as_int(t, "each token id passed to next_logits") for t in ids]
        for t in tokens:
            if not 0 <= t < self.vocab_size:
                raise SubmissionError(f"next_logits got token id {t}, outside the vocabulary "
                                      f"0..{self.vocab_size - 1}")
        return tokens

    def __call__(self, ids: Any) -> np.ndarray:
        tokens = self.token_ids(ids)
        none = self.vocab_size
        last = tokens[-1] if tokens else none
        prev = tokens[-2] if len(tokens) >= 2 else none
        return (self.last[last] + self.prev[prev]) + self.pos[min(len(tokens), len(self.pos) - 1)]

    def log_probs(self, ids: list[int]) -> np.ndarray:
        logits = self(ids)
        shifted = logits - logits.max()
        return shifted - np.log(np.exp(shifted).sum())


def as_token(value: Any, vocab_size: int, what: str) -> int:
    """A sampler's return value as a token id (int, numpy integer or one-element array)."""
    token = _as_int(value, f"{what} must return a token id; it")
    if not 0 <= token < vocab_size:
        raise SubmissionError(f"{what} returned token id {token}, outside 0..{vocab_size - 1}")
    return token


def count_draws(sample: Callable[[np.random.Generator], Any], payload: dict[str, Any],
                what: str) -> dict[str, Any]:
    """``payload["draws"]`` calls sharing one Generator seeded with ``payload["seed"]``."""
    vocab_size = len(payload["logits"])
    rng = np.random.default_rng(payload["seed"])
    counts = np.zeros(vocab_size, dtype=np.int64)
    for _ in range(payload["draws"]):
        counts[as_token(sample(rng), vocab_size, what)] += 1
    return {"counts": counts}


def repeat_draws(sample: Callable[[np.random.Generator], Any], payload: dict[str, Any],
                 what: str) -> dict[str, Any]:
    """The same short run twice, each with a fresh Generator of the same seed."""
    vocab_size = len(payload["logits"])
    runs = []
    for _ in range(2):
        rng = np.random.default_rng(payload["seed"])
        runs.append([as_token(sample(rng), vocab_size, what) for _ in range(payload["draws"])])
    return {"first": runs[0], "second": runs[1]}


# ----------------------------------------------------------------------- trusted side only


def softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max())
    return z / z.sum()


def g_test(counts: np.ndarray, probs: np.ndarray) -> float:
    """p-value of a G-test (small expected bins pooled); 0.0 if a zero-probability bin is hit."""
    from scipy.stats import chi2

    counts = np.asarray(counts, dtype=np.float64)
    expected = probs * counts.sum()
    if np.any(counts[probs == 0] > 0):
        return 0.0
    small = expected < MIN_EXPECTED
    obs = np.append(counts[~small], counts[small].sum())
    exp = np.append(expected[~small], expected[small].sum())
    keep = exp > 0
    obs, exp = obs[keep], exp[keep]
    if len(obs) < 2:
        return 1.0
    nonzero = obs > 0
    g = 2.0 * float(np.sum(obs[nonzero] * np.log(obs[nonzero] / exp[nonzero])))
    return float(chi2.sf(g, len(obs) - 1))


def check_frequencies(counts: np.ndarray, probs: np.ndarray, target: str,
                      mistakes: dict[str, np.ndarray]) -> None:
    """Raise CaseFailure unless ``counts`` are a plausible sample of ``probs``.

    ``mistakes`` maps a description of a classic bug to the distribution it samples from; the
    first one the counts fit is named in the message.
    """
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    if counts.shape != probs.shape:
        raise CaseFailure(f"internal: got {counts.shape[0]} counts for {probs.shape[0]} tokens")
    outside = np.flatnonzero((probs == 0) & (counts > 0))
    p_value = g_test(counts, probs)
    if p_value >= P_VALUE_THRESHOLD:
        return
    if outside.size:
        t = int(outside[0])
        message = (f"token {t} was drawn {counts[t]} times in {n} draws, but it has probability "
                   f"0 under {target}")
    else:
        expected = probs * n
        t = int(np.argmax(np.abs(counts - expected) / np.sqrt(np.maximum(expected, 1.0))))
        message = (f"the frequencies of {n} draws do not match {target} (G-test p = "
                   f"{p_value:.2g}): token {t} has probability {probs[t]:.4f}, so about "
                   f"{expected[t]:.0f} draws were expected, got {counts[t]}")
    fits = [name for name, alt in mistakes.items() if g_test(counts, alt) > 1e-3]
    if fits:
        message += f" — the draws fit {fits[0]}"
    raise CaseFailure(message)


def check_same_draws(outputs: dict[str, Any]) -> None:
    """Two runs with identically seeded Generators must draw the same tokens."""
    first, second = as_int_list(outputs, "first"), as_int_list(outputs, "second")
    if first != second:
        raise CaseFailure("two runs with identically seeded `rng` drew different tokens "
                          f"({first[:8]} vs {second[:8]}): draw only from the `rng` argument "
                          "(rng.random / rng.choice), not np.random, random or torch")


def random_toy_lm(seed: int, vocab_size: int, eos_id: int, eos_shift: float = 0.0,
                  scale: float = 2.0, prompt_len: int = 3) -> tuple[ToyLM, list[int]]:
    """A random toy LM and a prompt without ``eos_id``.

    The last token matters most, then the one before, then the position; ``eos_shift`` is added
    to the eos logit everywhere (negative: eos is rare).
    """
    rng = np.random.default_rng(seed)
    v = vocab_size
    lm = ToyLM(rng.normal(0, scale, (v + 1, v)), rng.normal(0, 0.7 * scale, (v + 1, v)),
               rng.normal(0, 0.5 * scale, (24, v)))
    lm.last[:, eos_id] += eos_shift
    others = [t for t in range(v) if t != eos_id]
    prompt = [int(t) for t in rng.choice(others, size=prompt_len)]
    return lm, prompt


def sequence_score(lm: ToyLM, prompt: list[int], tokens: list[int]) -> float:
    """Sum of log_softmax of ``tokens`` generated after ``prompt`` (trusted side)."""
    total = 0.0
    for i, t in enumerate(tokens):
        total += float(lm.log_probs(prompt + tokens[:i])[t])
    return total
