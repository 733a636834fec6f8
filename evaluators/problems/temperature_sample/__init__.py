"""Temperature sampling, judged by a G-test over many draws from one seeded Generator."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_decoding import check_frequencies, check_same_draws, softmax
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
DRAWS = 2000


def reference(logits: np.ndarray, temperature: float) -> np.ndarray:
    """The exact float64 sampling distribution softmax(logits / T)."""
    return softmax(logits / temperature)


def _check(logits: np.ndarray, temperature: float):
    probs = reference(logits, temperature)
    mistakes = {
        "softmax(logits) — the temperature is not applied": softmax(logits),
        "softmax(logits * T) — multiply instead of divide": softmax(logits * temperature),
        "always the arg-max token — sample instead of taking the maximum":
            np.eye(len(logits))[np.argmax(logits)],
    }

    def check(outputs: Outputs) -> None:
        counts = compare.as_array(outputs, "counts")
        check_frequencies(counts, probs, f"softmax(logits / {temperature:g})", mistakes)

    return check


def _case(name: str, logits, temperature: float, seed: int, draws: int = DRAWS) -> Case:
    logits = np.asarray(logits, dtype=np.float64)
    payload = {"logits": logits, "temperature": temperature, "seed": seed, "draws": draws}
    return Case(name=name, payload=payload, check=_check(logits, temperature))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    base = np.array([0.4, 2.0, -0.7, 1.2, 0.1, -1.5])
    cases = [
        _case("temperature_1_is_plain_softmax", base, 1.0, 11),
        _case("low_temperature_0_5_sharpens", base, 0.5, 12),
        _case("high_temperature_2_flattens", base, 2.0, 13),
        _case("vocab_40_temperature_0_8", rng.normal(0, 1.5, 40), 0.8, 14),
        _case("two_tokens_temperature_3", [1.0, -2.0], 3.0, 15),
        _case("large_logits_stability", 1000.0 + base * 1.5, 0.7, 16),
    ]
    repeat = {"logits": base, "temperature": 1.3, "seed": 17, "draws": 40}
    cases.append(Case(name="reproducible_with_same_rng_seed", payload=repeat,
                      check=check_same_draws, op="repeat", weight=0.5))
    return cases


PROBLEM = Problem(
    id="temperature_sample",
    title_zh="温度采样",
    title_en="Temperature sampling",
    difficulty="easy",
    tags=("decoding", "sampling", "llm", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=30.0,
)
