"""Top-k sampling, judged by a G-test over many draws from one seeded Generator."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_decoding import check_frequencies, check_same_draws, softmax
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
DRAWS = 2000


def reference(logits: np.ndarray, k: int, temperature: float) -> np.ndarray:
    """The exact float64 distribution: softmax(logits / T) renormalized over the top k."""
    top = np.argsort(-logits)[:k]
    probs = np.zeros(len(logits))
    probs[top] = softmax(logits[top] / temperature)
    return probs


def _mistakes(logits: np.ndarray, k: int, temperature: float) -> dict[str, np.ndarray]:
    v = len(logits)
    top = np.zeros(v, dtype=bool)
    top[np.argsort(-logits)[:k]] = True
    mistakes = {
        f"top-{k - 1} sampling — off by one, keep exactly k tokens":
            reference(logits, k - 1, temperature) if k > 1 else None,
        f"top-{k + 1} sampling — off by one, keep exactly k tokens":
            reference(logits, k + 1, temperature) if k < v else None,
        "top-k of softmax(logits) — the temperature is not applied": reference(logits, k, 1.0),
        "softmax with the dropped logits set to 0 — mask them with -inf":
            softmax(np.where(top, logits, 0.0) / temperature),
    }
    return {name: probs for name, probs in mistakes.items() if probs is not None}


def _check(logits: np.ndarray, k: int, temperature: float):
    probs = reference(logits, k, temperature)
    mistakes = _mistakes(logits, k, temperature)

    def check(outputs: Outputs) -> None:
        counts = compare.as_array(outputs, "counts")
        check_frequencies(counts, probs, f"top-{k} sampling at temperature {temperature:g}",
                          mistakes)

    return check


def _case(name: str, logits, k: int, temperature: float, seed: int, draws: int = DRAWS) -> Case:
    logits = np.asarray(logits, dtype=np.float64)
    payload = {"logits": logits, "k": k, "temperature": temperature, "seed": seed,
               "draws": draws}
    return Case(name=name, payload=payload, check=_check(logits, k, temperature))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    base = np.array([0.3, 1.9, -0.8, 1.4, 0.9, -0.2, 1.65, -1.4])
    cases = [
        _case("k_1_is_argmax", base, 1, 0.9, 21, draws=500),
        _case("k_3_of_8", base, 3, 1.0, 22),
        _case("k_4_temperature_0_5", base, 4, 0.5, 23),
        _case("k_equals_vocab_temperature_2", base[:6], 6, 2.0, 24),
        _case("k_5_of_30_temperature_1_8", rng.normal(0, 1.5, 30), 5, 1.8, 25),
        _case("negative_logits_k_2", base - 6.0, 2, 0.8, 26),
    ]
    repeat = {"logits": base, "k": 4, "temperature": 1.2, "seed": 27, "draws": 40}
    cases.append(Case(name="reproducible_with_same_rng_seed", payload=repeat,
                      check=check_same_draws, op="repeat", weight=0.5))
    return cases


PROBLEM = Problem(
    id="top_k_sample",
    title_zh="Top-k 采样",
    title_en="Top-k sampling",
    difficulty="easy",
    tags=("decoding", "sampling", "llm", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=30.0,
)
