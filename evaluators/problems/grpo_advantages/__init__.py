"""GRPO advantages: per-group (row) normalisation with the unbiased std, eps added to the std."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ()
DEFAULT_EPS = 1e-4
CONSTANT_ROW = ("a row of equal rewards has std 0: with eps added to the std the advantages are "
                "0, not NaN — (r − mean) / (std + eps)")


def advantages(r: np.ndarray, eps: float, *, ddof: int = 1, axis: int | None = 1,
               eps_inside: bool = False, scale: bool = True) -> np.ndarray:
    """float64 GRPO advantages; the keywords reproduce classic mistakes."""
    r = r.astype(np.float64)
    mean = r.mean(axis=axis, keepdims=True)
    if not scale:
        return r - mean
    n = r.shape[1] if axis == 1 else r.size
    var = ((r - mean) ** 2).sum(axis=axis, keepdims=True) / (n - ddof)
    with np.errstate(divide="ignore", invalid="ignore"):
        std = np.sqrt(var + eps) if eps_inside else np.sqrt(var) + eps
        return (r - mean) / std


def _hints(r: np.ndarray, eps: float, default: bool) -> list[ca.Hint]:
    def variant(eps_value: float = eps, **kwargs: object):
        return lambda: advantages(r, eps_value, **kwargs)  # type: ignore[arg-type]

    hints = [
        ("the std looks biased (divided by G); GRPO uses the unbiased std (divide by G − 1, "
         "torch.std's default)", variant(ddof=0)),
        ("eps looks added inside the square root; add it to the std: (r − mean) / (std + eps)",
         variant(eps_inside=True)),
        ("the biased std with eps inside the square root (x.var(unbiased=False) + eps) — GRPO "
         "divides by the unbiased std plus eps", variant(ddof=0, eps_inside=True)),
        ("mean and std look taken over the whole batch; normalise each row (the G completions "
         "of one prompt) on its own", variant(axis=None)),
        ("the advantages are only centred; divide by (std + eps)", variant(scale=False)),
        ("eps looks missing: divide by (std + eps)", variant(0.0)),
    ]
    if default:
        hints += [(f"the default eps looks like {e:g}; it is 1e-4", variant(e))
                  for e in (1e-6, 1e-5, 1e-3)]
    else:
        hints.append(("the eps argument looks ignored", variant(DEFAULT_EPS)))
    return hints


def _case(name: str, rewards: np.ndarray, eps: float | None = None, weight: float = 2.0) -> Case:
    rewards = rewards.astype(np.float32)
    e = DEFAULT_EPS if eps is None else eps
    expected = advantages(rewards, e)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output", "advantages")
        ca.assert_close_hinted("advantages", got, expected, _hints(rewards, e, eps is None),
                               nan_hint=CONSTANT_ROW)
        dtype = compare.get(outputs, "output").get("dtype")
        if dtype != "float32":
            raise CaseFailure(f"advantages have dtype {dtype}; return float32")

    payload = {"rewards": rewards, "eps": eps}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270106)
    binary = (rng.random((6, 8)) < 0.4).astype(np.float64)
    binary[1] = 1.0
    binary[4] = 0.0
    spread = 0.7 + 1e-2 * rng.standard_normal((5, 6))
    return [
        _case("binary_rewards_b6_g8_constant_rows", binary),
        _case("two_completions_g2", rng.standard_normal((4, 2))),
        _case("batch1_g5", rng.normal(2.0, 3.0, (1, 5)), weight=1.0),
        _case("small_spread_1e-2_eps_matters", spread),
        _case("small_spread_custom_eps_1e-3", 0.3 + 1e-2 * rng.standard_normal((3, 7)),
              eps=1e-3),
        _case("rows_on_different_scales", rng.standard_normal((4, 6))
              * np.array([[0.1], [1.0], [10.0], [100.0]]) + np.array([[0], [5], [-20], [300]])),
        _case("all_rows_constant", np.repeat([[0.75], [-1.5], [3.0]], 4, axis=1), weight=1.0),
    ]


PROBLEM = Problem(
    id="grpo_advantages",
    title_zh="GRPO 组内相对优势",
    title_en="GRPO group-relative advantages",
    difficulty="easy",
    tags=("alignment", "reinforcement-learning", "grpo", "llm", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
