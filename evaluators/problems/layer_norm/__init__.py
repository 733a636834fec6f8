"""Layer normalization over the last dimension (biased variance, eps inside the sqrt)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = (
    "torch.nn.functional.layer_norm",
    "torch.layer_norm",
    "torch.native_layer_norm",
    "torch.nn.LayerNorm",
    "torch.nn.modules.normalization.LayerNorm",
    "torch.nn.functional.group_norm",
    "torch.nn.GroupNorm",
    "torch.group_norm",
    "torch.nn.functional.instance_norm",
    "torch.instance_norm",
)
DEFAULT_EPS = 1e-5


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float, *,
               ddof: int = 0, eps_outside: bool = False, axes: tuple[int, ...] = (-1,),
               swap: bool = False) -> np.ndarray:
    """float64 layer norm; the keyword arguments reproduce classic mistakes."""
    x = x.astype(np.float64)
    mean = x.mean(axis=axes, keepdims=True)
    n = np.prod([x.shape[a] for a in axes])
    with np.errstate(divide="ignore", invalid="ignore"):
        var = ((x - mean) ** 2).sum(axis=axes, keepdims=True) / (n - ddof)
        std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
        x_hat = (x - mean) / std
    g, b = gamma.astype(np.float64), beta.astype(np.float64)
    return x_hat * b + g if swap else x_hat * g + b


def _hints(x, gamma, beta, eps):
    def variant(eps_value=eps, **kwargs):
        return lambda: layer_norm(x, gamma, beta, eps_value, **kwargs)

    hints = [
        ("the output matches the unbiased variance (divide by D - 1); layer norm uses the "
         "biased variance (divide by D, unbiased=False)", variant(ddof=1)),
        ("the output matches eps added to the standard deviation; eps goes inside the square "
         "root: (x - mean) / sqrt(var + eps)", variant(eps_outside=True)),
        ("gamma and beta look swapped: out = x_hat * gamma + beta", variant(swap=True)),
        ("the output matches normalization without eps", variant(0.0)),
    ]
    if eps != DEFAULT_EPS:
        hints.append(("the eps argument looks ignored (1e-5 used instead)", variant(DEFAULT_EPS)))
    if x.ndim >= 2:
        hints.append(("statistics look taken over the wrong dimensions; normalize over the "
                      "last dimension only", variant(axes=tuple(range(1, x.ndim)))))
        hints.append(("statistics look taken over the first dimension; normalize over the last",
                      variant(axes=(0,))))
    return hints


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], *, scale: float = 1.0,
          offset: float = 0.0, eps: float | None = None, weight: float = 2.0) -> Case:
    x = (offset + scale * rng.standard_normal(shape)).astype(np.float32)
    gamma = (1.0 + 0.5 * rng.standard_normal(shape[-1])).astype(np.float32)
    beta = (0.5 * rng.standard_normal(shape[-1])).astype(np.float32)
    eps_value = DEFAULT_EPS if eps is None else eps
    expected = layer_norm(x, gamma, beta, eps_value)
    hints = _hints(x, gamma, beta, eps_value)

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output")
        nan_hint = ("with D = 1 the biased variance is 0 (divide by D, not D - 1) and eps keeps "
                    "the division finite" if shape[-1] == 1 else None)
        ca.assert_close_hinted("output", got, expected, hints, nan_hint=nan_hint)

    payload = {"x": x, "gamma": gamma, "beta": beta, "eps": eps}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261206)
    return [
        _case("matrix_2d", rng, (4, 8)),
        _case("sequence_3d", rng, (2, 5, 16)),
        _case("batch1_odd_length", rng, (1, 7, 9)),
        _case("single_vector_1d", rng, (10,), weight=1.0),
        _case("nonzero_mean_and_scale", rng, (3, 6, 32), scale=3.0, offset=4.0),
        _case("small_variance_default_eps", rng, (4, 12), scale=0.01),
        _case("custom_eps", rng, (2, 3, 8), scale=0.05, eps=1e-2),
        _case("single_feature_gives_beta", rng, (3, 1), weight=1.0),
        _case("wide_features", rng, (2, 3, 512)),
    ]


PROBLEM = Problem(
    id="layer_norm",
    title_zh="层归一化（LayerNorm）",
    title_en="Layer normalization",
    difficulty="easy",
    tags=("normalization", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
