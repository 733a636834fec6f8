"""LayerNorm backward in numpy: dx, dgamma, dbeta against torch autograd (float64)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import bug_hint
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torch",)
DEFAULT_EPS = 1e-5
NAMES = ("dx", "dgamma", "dbeta")


def autograd_grads(dy: np.ndarray, x: np.ndarray, gamma: np.ndarray,
                   eps: float) -> dict[str, np.ndarray]:
    import torch
    import torch.nn.functional as F

    xt = torch.tensor(x, requires_grad=True)
    g = torch.tensor(gamma, requires_grad=True)
    b = torch.zeros(len(gamma), dtype=torch.float64, requires_grad=True)
    (F.layer_norm(xt, (len(gamma),), g, b, eps) * torch.tensor(dy)).sum().backward()
    return {"dx": xt.grad.numpy(), "dgamma": g.grad.numpy(),  # type: ignore[union-attr]
            "dbeta": b.grad.numpy()}  # type: ignore[union-attr]


def manual(dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float,
           mistake: str = "") -> dict[str, np.ndarray]:
    """float64 hand-derived gradients; ``mistake`` reproduces a classic slip."""
    n = x.shape[-1]
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).sum(axis=-1, keepdims=True) / (n - (mistake == "unbiased"))
    std = np.sqrt(var) + eps if mistake == "eps_outside" else np.sqrt(var + eps)
    x_hat = (x - mean) / std
    d = dy if mistake == "no_gamma" else dy * gamma
    terms = {"": d - d.mean(-1, keepdims=True) - x_hat * (d * x_hat).mean(-1, keepdims=True),
             "constant_stats": d,
             "no_var_term": d - d.mean(-1, keepdims=True),
             "no_mean_term": d - x_hat * (d * x_hat).mean(-1, keepdims=True)}
    dx = terms.get(mistake, terms[""]) / std
    lead = tuple(range(dy.ndim - 1))
    dgamma = (dy * (x if mistake == "dgamma_raw_x" else x_hat)).sum(axis=lead)
    return {"dx": dx, "dgamma": dgamma, "dbeta": dy.sum(axis=lead)}


HINTS = {
    "constant_stats": "dx treats the mean and variance as constants (dx = dy·γ/σ); they depend "
                      "on x: subtract mean(d̂) and x̂·mean(d̂·x̂)",
    "no_var_term": "dx misses the variance's term: subtract x̂ · mean(d̂ · x̂) as well",
    "no_mean_term": "dx misses the mean's term: subtract mean(d̂) as well",
    "unbiased": "the variance looks unbiased (divided by D − 1); LayerNorm uses the biased one",
    "eps_outside": "eps looks added to the std; it goes inside the square root",
    "no_gamma": "dx ignores gamma: d̂ = dy · gamma",
    "dgamma_raw_x": "dgamma uses x instead of the normalized x̂",
}


def _check(dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float | None):
    e = DEFAULT_EPS if eps is None else eps
    expected = autograd_grads(dy, x, gamma, e)
    with np.errstate(all="ignore"):  # D = 1 makes the unbiased variant divide by zero
        variants = {key: manual(dy, x, gamma, e, key) for key in HINTS}
    lead = " and ".join(str(s) for s in x.shape[:-1]) or "no"

    def check(outputs: Outputs) -> None:
        for name in NAMES:
            got = compare.as_array(outputs, name, "ndarray", name)
            want = expected[name]
            if got.shape != want.shape:
                extra = (f" — sum over all leading dims ({lead}) so it has shape (D,)"
                         if name != "dx" and got.ndim > 1 else "")
                raise CaseFailure(f"{name}: expected shape {want.shape}, got {got.shape}{extra}")
            try:
                compare.assert_close(name, got, want, compare.F64_TOL)
            except CaseFailure as failure:
                shown = [(HINTS[k], v[name]) for k, v in variants.items()
                         if not np.allclose(v[name], want, rtol=1e-9, atol=1e-12)]
                raise CaseFailure(str(failure) + bug_hint(got, shown, atol=1e-9)) from None

    return check


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], *, scale: float = 1.0,
          offset: float = 0.0, eps: float | None = None, weight: float = 2.0) -> Case:
    x = offset + scale * rng.standard_normal(shape)
    dy = rng.standard_normal(shape)
    gamma = 1.0 + 0.5 * rng.standard_normal(shape[-1])
    payload = {"dy": dy, "x": x, "gamma": gamma, "eps": eps}
    return Case(name=name, payload=payload, check=_check(dy, x, gamma, eps), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270116)
    return [
        _case("vector_1d_d6", rng, (6,), weight=1.0),
        _case("matrix_n5_d8", rng, (5, 8)),
        _case("sequence_b2_t7_d9_odd", rng, (2, 7, 9)),
        _case("single_feature_d1_dx_zero", rng, (4, 1), weight=1.0),
        _case("small_variance_default_eps_matters", rng, (3, 16), scale=2e-3),
        _case("custom_eps_1e-2", rng, (4, 10), scale=0.1, eps=1e-2),
        _case("large_offset_and_scale", rng, (3, 12), scale=30.0, offset=500.0),
        _case("batch1_wide_d128", rng, (1, 3, 128)),
    ]


PROBLEM = Problem(
    id="layer_norm_backward",
    title_zh="手推 LayerNorm 反向",
    title_en="LayerNorm backward by hand",
    difficulty="hard",
    tags=("backprop", "normalization", "gradients", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
