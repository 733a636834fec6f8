"""RMSNorm over the last dimension: eps inside the root, no mean subtraction, dtype kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("*.rms_norm", "*.RMSNorm")
DEFAULT_EPS = 1e-6


def rms_norm(x: np.ndarray, weight: np.ndarray, eps: float, *, axes: tuple[int, ...] = (-1,),
             ddof: int = 0, eps_outside: bool = False, center: bool = False,
             root: bool = True, mean: bool = True, scale: bool = True) -> np.ndarray:
    """float64 RMSNorm; the keyword arguments reproduce classic mistakes."""
    x = x.astype(np.float64)
    if center:
        x = x - x.mean(axis=axes, keepdims=True)
    n = np.prod([x.shape[a] for a in axes]) if mean else 1 + ddof
    ms = (x * x).sum(axis=axes, keepdims=True) / (n - ddof)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = np.sqrt(ms) + eps if eps_outside else (np.sqrt(ms + eps) if root else ms + eps)
        y = x / denom
    return y * weight.astype(np.float64) if scale else y


def _hints(x: np.ndarray, w: np.ndarray, eps: float, default: bool) -> list[ca.Hint]:
    def variant(eps_value: float = eps, **kwargs: object):
        return lambda: rms_norm(x, w, eps_value, **kwargs)  # type: ignore[arg-type]

    hints = [
        ("eps looks added to the root mean square instead of under the root; eps goes inside "
         "the square root: x / sqrt(mean(x²) + eps)", variant(eps_outside=True)),
        ("the mean was subtracted first — that is LayerNorm; RMSNorm only divides by the root "
         "mean square", variant(center=True)),
        ("the sum of squares was not divided by d; take the MEAN of x² over the last dim",
         variant(mean=False)),
        ("the mean of squares looks divided by d - 1; divide by d", variant(ddof=1)),
        ("the square root looks missing: divide by sqrt(mean(x²) + eps)", variant(root=False)),
        ("weight looks unused: multiply the normalized x by weight", variant(scale=False)),
        ("eps looks missing", variant(0.0)),
    ]
    if default:
        hints += [(f"the default eps looks like {e:g}; the default is 1e-6", variant(e))
                  for e in (1e-5, 1e-8, 1e-12)]
    else:
        hints.append(("the eps argument looks ignored (1e-6 used instead)",
                      variant(DEFAULT_EPS)))
    if x.ndim >= 2:
        hints.append(("the mean looks taken over every dimension but the first; take it over "
                      "the last dimension only", variant(axes=tuple(range(1, x.ndim)))))
    return hints


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], *, scale: float = 1.0,
          eps: float | None = None, dtype: type = np.float32, weight: float = 2.0) -> Case:
    x: np.ndarray = (scale * rng.standard_normal(shape)).astype(dtype)
    w: np.ndarray = (1.0 + 0.5 * rng.standard_normal(shape[-1])).astype(dtype)
    eps_value = DEFAULT_EPS if eps is None else eps
    expected = rms_norm(x, w, eps_value)
    want_dtype = np.dtype(dtype).name

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output")
        hints = _hints(x, w, eps_value, eps is None)
        ca.assert_close_hinted("output", got, expected, hints)
        dtype_got = compare.get(outputs, "output").get("dtype")
        if dtype_got != want_dtype:
            raise CaseFailure(f"output dtype is {dtype_got}, but x is {want_dtype}: return the "
                              "dtype of x (cast back with .to(x.dtype) / .type_as(x))")

    payload = {"x": x, "weight": w, "eps": eps}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270101)
    return [
        _case("vector_1d_odd_d7", rng, (7,), weight=1.0),
        _case("matrix_2d_even_d16", rng, (4, 16)),
        _case("sequence_3d_batch1_odd_d33", rng, (1, 5, 33)),
        _case("four_dims_b2_h3_l4_d8", rng, (2, 3, 4, 8)),
        _case("tiny_inputs_default_eps_matters", rng, (3, 64), scale=1e-3),
        _case("tiny_inputs_odd_d_default_eps", rng, (2, 5, 17), scale=2e-3),
        _case("custom_eps_1e-2", rng, (4, 9), scale=0.05, eps=1e-2),
        _case("large_magnitude_1e3", rng, (3, 12), scale=1e3, weight=1.0),
        _case("float64_input_keeps_dtype", rng, (3, 10), dtype=np.float64, weight=1.0),
        _case("wide_d_4096", rng, (2, 4096), weight=1.0),
        _case("single_feature_d1", rng, (5, 1), weight=1.0),
    ]


PROBLEM = Problem(
    id="rms_norm",
    title_zh="RMSNorm（均方根归一化）",
    title_en="RMSNorm",
    difficulty="easy",
    tags=("normalization", "llm", "transformer", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
