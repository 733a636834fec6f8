"""DDPM forward process q(x_t | x_0): closed-form noising; the result keeps x0's dtype."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import Variants, close_or_fail
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("diffusers",)


def q_sample(x0: np.ndarray, t: np.ndarray, betas: np.ndarray, noise: np.ndarray, *,
             cumulative: bool = True, shift: int = 0, sqrt: bool = True,
             of_betas: bool = False) -> np.ndarray:
    """float64 reference; the keyword flags produce the classic buggy variants for hints."""
    factors = betas if of_betas else 1.0 - betas
    alpha_bar = np.cumprod(factors) if cumulative else factors
    a = alpha_bar[t + shift].reshape(-1, *([1] * (x0.ndim - 1)))
    if sqrt:
        return np.sqrt(a) * x0 + np.sqrt(1 - a) * noise
    return a * x0 + (1 - a) * noise


def _variants(x0, t, betas, noise) -> Variants:
    found = [("alpha_t = 1 - beta_t used instead of the cumulative product alpha_bar_t",
              q_sample(x0, t, betas, noise, cumulative=False)),
             ("the square roots are missing: x_t = sqrt(alpha_bar) x0 + sqrt(1 - alpha_bar) eps",
              q_sample(x0, t, betas, noise, sqrt=False)),
             ("alpha_bar = cumprod(betas) instead of cumprod(1 - betas)",
              q_sample(x0, t, betas, noise, of_betas=True)),
             ("t treated as 1-based: use alpha_bar[t], not alpha_bar[t - 1] (t = 0 is valid)",
              q_sample(x0, t, betas, noise, shift=-1))]
    if t.max() < len(betas) - 1:
        found.append(("alpha_bar[t + 1] used: t indexes alpha_bar directly",
                      q_sample(x0, t, betas, noise, shift=1)))
    return found


def _check(x0: np.ndarray, t: np.ndarray, betas: np.ndarray, noise: np.ndarray):
    args = (x0.astype(np.float64), t, betas.astype(np.float64), noise.astype(np.float64))
    expected = q_sample(*args)
    variants = _variants(*args)
    dtype = str(x0.dtype)
    tol = compare.F64_TOL if dtype == "float64" else compare.F32_TOL

    def check(outputs: Outputs) -> None:
        got = compare.as_array(outputs, "x_t", "tensor", "q_sample(...)")
        if got.shape != expected.shape:
            raise CaseFailure(f"q_sample(...): expected shape {expected.shape} (the shape of "
                              f"x0), got {got.shape} — broadcast alpha_bar[t] as (B, 1, ..., 1) "
                              "for any number of dims of x0")
        close_or_fail("x_t", got, expected, tol, variants)
        got_dtype = compare.get(outputs, "x_t").get("dtype")
        if got_dtype != dtype:
            raise CaseFailure(f"q_sample(...) returned dtype {got_dtype} but x0 is {dtype} "
                              f"(betas are {betas.dtype}): cast alpha_bar[t] to x0.dtype")

    return check


def linear_betas(steps: int, dtype: type = np.float32) -> np.ndarray:
    return np.linspace(1e-4, 0.02, steps).astype(dtype)


def cosine_betas(steps: int, s: float = 0.008) -> np.ndarray:
    f = np.cos((np.arange(steps + 1) / steps + s) / (1 + s) * np.pi / 2) ** 2
    return np.clip(1 - f[1:] / f[:-1], 0, 0.999)


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], t: list[int],
          betas: np.ndarray, dtype: type = np.float32, weight: float = 1.0) -> Case:
    x0: np.ndarray = rng.standard_normal(shape).astype(dtype)
    noise: np.ndarray = rng.standard_normal(shape).astype(dtype)
    steps = np.array(t, dtype=np.int64)
    payload = {"x0": x0, "t": steps, "betas": betas, "noise": noise}
    return Case(name=name, payload=payload, check=_check(x0, steps, betas, noise), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261213)
    lin = linear_betas(1000)
    return [
        _case("images_4d_float32", rng, (4, 3, 5, 5), [10, 999, 250, 600], lin, weight=1.5),
        _case("batch1_t_equals_0", rng, (1, 2, 3, 3), [0], lin),
        _case("vectors_2d", rng, (5, 7), [1, 2, 500, 998, 42], lin, weight=1.5),
        _case("sequences_3d", rng, (3, 4, 6), [700, 3, 150], lin),
        _case("x0_only_batch_dim", rng, (6,), [0, 5, 50, 400, 800, 999], lin, weight=0.5),
        _case("float64_x0_and_betas", rng, (3, 2, 4, 4), [7, 333, 901],
              linear_betas(1000, np.float64), np.float64, 1.5),
        _case("float32_x0_float64_betas_keeps_float32", rng, (2, 3, 4), [20, 640],
              cosine_betas(1000), np.float32, 1.5),
        _case("cosine_schedule_50_steps_float64", rng, (4, 5), [0, 12, 31, 49],
              cosine_betas(50), np.float64),
    ]


PROBLEM = Problem(
    id="ddpm_q_sample",
    title_zh="DDPM 前向加噪 q_sample",
    title_en="DDPM forward process (q_sample)",
    difficulty="easy",
    tags=("diffusion", "generative-models", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
