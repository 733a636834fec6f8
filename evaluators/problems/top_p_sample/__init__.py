"""Nucleus (top-p) sampling, judged by a G-test over many draws from one seeded Generator."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_decoding import check_frequencies, check_same_draws, softmax
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
DRAWS = 2000
MARGIN = 0.01  # every cumulative probability is at least this far from p


def nucleus_size(probs: np.ndarray, p: float) -> int:
    """Length of the smallest descending prefix whose cumulative probability is >= p."""
    if p >= 1.0:
        return len(probs)
    cum = np.cumsum(np.sort(probs)[::-1])
    return int(np.argmax(cum >= p)) + 1


def restrict(probs: np.ndarray, size: int) -> np.ndarray:
    """``probs`` renormalized over its ``size`` most likely tokens."""
    keep = np.argsort(-probs)[:max(size, 1)]
    out = np.zeros(len(probs))
    out[keep] = probs[keep] / probs[keep].sum()
    return out


def reference(logits: np.ndarray, p: float, temperature: float) -> np.ndarray:
    """The exact float64 sampling distribution."""
    probs = softmax(logits / temperature)
    return restrict(probs, nucleus_size(probs, p))


def _mistakes(logits: np.ndarray, p: float, temperature: float) -> dict[str, np.ndarray]:
    probs = softmax(logits / temperature)
    size = nucleus_size(probs, p)
    plain = softmax(logits)
    mistakes = {
        "the nucleus without the token that crosses p — keep the smallest prefix whose "
        "cumulative probability is >= p, including the crossing token":
            restrict(probs, size - 1) if size > 1 else None,
        "one token too many — stop at the first token whose cumulative probability reaches p":
            restrict(probs, size + 1) if size < len(probs) else None,
        "a nucleus chosen from softmax(logits) without the temperature — apply the temperature "
        "before choosing the nucleus": restrict(probs, nucleus_size(plain, p)),
        "top-p of softmax(logits) — the temperature is not applied": reference(logits, p, 1.0),
    }
    return {name: dist for name, dist in mistakes.items() if dist is not None}


def _check(logits: np.ndarray, p: float, temperature: float):
    probs = reference(logits, p, temperature)
    mistakes = _mistakes(logits, p, temperature)

    def check(outputs: Outputs) -> None:
        counts = compare.as_array(outputs, "counts")
        check_frequencies(counts, probs, f"top-p sampling with p={p:g} at temperature "
                                         f"{temperature:g}", mistakes)

    return check


def _case(name: str, logits, p: float, temperature: float, seed: int,
          draws: int = DRAWS) -> Case:
    logits = np.asarray(logits, dtype=np.float64)
    cum = np.cumsum(np.sort(softmax(logits / temperature))[::-1])
    if p < 1.0 and np.min(np.abs(cum - p)) < MARGIN:
        raise ValueError(f"{name}: a cumulative probability is within {MARGIN} of p")
    payload = {"logits": logits, "p": p, "temperature": temperature, "seed": seed,
               "draws": draws}
    return Case(name=name, payload=payload, check=_check(logits, p, temperature))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261208)
    base = np.log([0.1, 0.4, 0.05, 0.2, 0.25])  # sorted: 0.4, 0.25, 0.2, 0.1, 0.05
    flat = np.array([0.2, 1.1, -0.5, 0.8, 0.5, -1.2, 0.0])
    cases = [
        _case("crossing_token_is_kept", base, 0.8, 1.0, 31),
        _case("nucleus_of_one_token", base, 0.3, 1.0, 32, draws=500),
        _case("p_1_keeps_every_token", flat, 1.0, 1.6, 33),
        _case("temperature_applied_before_nucleus", flat, 0.7, 0.5, 34),
        _case("high_temperature_widens_nucleus", base, 0.6, 2.5, 35),
        _case("vocab_30_p_0_855_temperature_1_3", rng.normal(0, 1.5, 30), 0.855, 1.3, 36),
    ]
    repeat = {"logits": flat, "p": 0.8, "temperature": 1.0, "seed": 37, "draws": 40}
    cases.append(Case(name="reproducible_with_same_rng_seed", payload=repeat,
                      check=check_same_draws, op="repeat", weight=0.5))
    return cases


PROBLEM = Problem(
    id="top_p_sample",
    title_zh="Top-p（核）采样",
    title_en="Top-p (nucleus) sampling",
    difficulty="medium",
    tags=("decoding", "sampling", "llm", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=30.0,
)
