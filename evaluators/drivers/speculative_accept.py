"""Driver for `speculative_accept` (runs inside the sandbox): many verification steps.

The draft tokens of every call come from :func:`evaluators.common_stats.draft_tokens` (the
grader's own generator, seeded separately); the candidate's ``rng`` is one Generator shared by all
calls. Results are returned as a padded ``(draws, K + 2)`` int array plus their lengths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from evaluators.common_decoding import as_token
from evaluators.common_stats import draft_tokens
from evaluators.driver_api import SubmissionError, require

NAME = "speculative_accept"


def _tokens(result: Any, vocab: int, call: int) -> list[int]:
    if isinstance(result, np.ndarray):
        result = result.tolist()
    if not isinstance(result, (list, tuple)):
        raise SubmissionError(f"{NAME} must return a list of token ids, got "
                              f"{type(result).__name__} (call {call})")
    if all(type(t) is int and 0 <= t < vocab for t in result):  # the usual result: no copies
        return list(result)
    return [as_token(t, vocab, NAME) for t in result]


def _setup(ns: dict[str, Any], payload: dict[str, Any]) -> tuple[Callable[..., Any], np.ndarray,
                                                                    np.ndarray, np.ndarray]:
    fn = require(ns, NAME)
    q = np.asarray(payload["draft_probs"], dtype=np.float64).reshape(-1, len(payload["target_probs"][0]))
    p = np.asarray(payload["target_probs"], dtype=np.float64)
    drafts = draft_tokens(payload["draft_seed"], q, payload["draws"])
    return fn, q, p, drafts


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn, q, p, drafts = _setup(ns, payload)
    k, vocab = len(q), p.shape[1]
    rng = np.random.default_rng(payload["seed"])
    tokens = np.full((len(drafts), k + 2), -1, dtype=np.int64)
    lengths = np.zeros(len(drafts), dtype=np.int64)
    as_array = bool(payload.get("as_array"))
    for i, row in enumerate(drafts):
        out = _tokens(fn(q.copy(), p.copy(), row.copy() if as_array else row.tolist(), rng),
                      vocab, i)
        lengths[i] = len(out)
        tokens[i, :min(len(out), k + 2)] = out[:k + 2]
    return {"tokens": tokens, "lengths": lengths}


def repeat(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The same calls twice, each time with a fresh Generator of the same seed."""
    fn, q, p, drafts = _setup(ns, payload)
    runs = []
    for _ in range(2):
        rng = np.random.default_rng(payload["seed"])
        runs.append([_tokens(fn(q.copy(), p.copy(), row.tolist(), rng), p.shape[1], i)
                     for i, row in enumerate(drafts)])
    return {"first": runs[0], "second": runs[1]}


def types(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Raw results for draft tokens given as an int array: must still be lists of Python ints."""
    fn, q, p, drafts = _setup(ns, payload)
    rng = np.random.default_rng(payload["seed"])
    return {"results": [fn(q.copy(), p.copy(), row.copy(), rng) for row in drafts]}
