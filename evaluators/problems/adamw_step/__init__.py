"""One AdamW step in numpy, chained 12 times against torch.optim.AdamW (float64)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evaluators import compare
from evaluators.common_numeric import bug_hint
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torch",)
STEPS = 12
INPUTS = ("param", "grad", "m", "v")
DEFAULTS = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 1e-2}


def torch_chain(param: np.ndarray, grads: list[np.ndarray], hyper: dict[str, float]
                ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(param, m, v) after each step of torch.optim.AdamW in float64."""
    import torch

    h = {**DEFAULTS, **hyper}
    p = torch.nn.Parameter(torch.tensor(param, dtype=torch.float64))
    opt = torch.optim.AdamW([p], lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"],
                            weight_decay=h["weight_decay"])
    states = []
    for grad in grads:
        p.grad = torch.tensor(grad, dtype=torch.float64)
        opt.step()
        state = opt.state[p]
        states.append((p.detach().numpy().copy(), state["exp_avg"].numpy().copy(),
                       state["exp_avg_sq"].numpy().copy()))
    return states


def numpy_chain(param: np.ndarray, grads: list[np.ndarray], hyper: dict[str, float],
                mistake: str = "") -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The same chain in numpy; ``mistake`` reproduces a classic bug."""
    h = {**DEFAULTS, **hyper}
    lr, b1, b2, eps, wd = h["lr"], h["beta1"], h["beta2"], h["eps"], h["weight_decay"]
    p, m, v = param.astype(np.float64), np.zeros(param.shape), np.zeros(param.shape)
    states = []
    for t, g in enumerate(grads, start=1):
        g = g + wd * p if mistake == "l2" else g
        if mistake not in ("l2", "decay_after"):
            p = p * (1 - wd) if mistake == "decay_no_lr" else p * (1 - lr * wd)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        step = t + 1 if mistake == "t_from_0" else t
        m_hat = m if mistake == "no_bias_correction" else m / (1 - b1 ** step)
        v_hat = v if mistake in ("no_bias_correction", "no_v_correction") else v / (1 - b2 ** step)
        denom = np.sqrt(v_hat + eps) if mistake == "eps_inside" else np.sqrt(v_hat) + eps
        p = p - lr * m_hat / denom
        if mistake == "decay_after":
            p = p * (1 - lr * wd)
        states.append((p, m, v))
    return states


MISTAKES = {
    "l2": "weight decay added to the gradient (Adam + L2); AdamW decays the parameter itself: "
          "param *= 1 − lr · weight_decay",
    "decay_after": "the decay applied after the Adam update; AdamW decays the old parameter "
                   "first",
    "decay_no_lr": "the decay multiplied by weight_decay alone; it is param · (1 − lr · "
                   "weight_decay)",
    "no_bias_correction": "no bias correction: m̂ = m / (1 − beta1^t), v̂ = v / (1 − beta2^t)",
    "no_v_correction": "v without bias correction: v̂ = v / (1 − beta2^t)",
    "t_from_0": "the bias correction using t + 1: t is already the step number (1 on the first "
                "step)",
    "eps_inside": "eps inside the square root; it is added to sqrt(v̂)",
}


def _scaled_tol(want: np.ndarray) -> tuple[float, float]:
    """float64 tolerance, with atol scaled to the values (m and v can be ~1e-10)."""
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    return compare.F64_TOL[0], compare.F64_TOL[1] * max(min(scale, 1.0), 1e-12)


def _compare_step(outputs: Outputs, step: int, expected: tuple[np.ndarray, ...],
                  variants: dict[str, list]) -> None:
    for key, name, want in zip(("params", "ms", "vs"), ("param", "m", "v"), expected,
                               strict=True):
        item = compare.items(compare.get(outputs, key))[step]
        got = compare.as_array({"x": item}, "x", "any", f"{name} after step {step + 1}")
        label = f"{name} after step t={step + 1}"
        if got.shape != want.shape:
            raise CaseFailure(f"{label}: expected shape {want.shape}, got {got.shape}")
        try:
            compare.assert_close(label, got, want, _scaled_tol(want))
        except CaseFailure as failure:
            index = ("param", "m", "v").index(name)
            shown = [(text, chain[step][index]) for text, chain in variants.items()
                     if not np.allclose(chain[step][index], want, rtol=1e-9, atol=0.0)]
            hint = bug_hint(got, shown, rtol=1e-5, atol=0.0)
            raise CaseFailure(str(failure) + hint) from None


def _check_inputs_unchanged(outputs: Outputs) -> None:
    """Compare the copies of every call's inputs taken just before and just after it."""
    before = compare.items(compare.get(outputs, "inputs_before"))
    after = compare.items(compare.get(outputs, "inputs_after"))
    for step, (pre, post) in enumerate(zip(before, after, strict=True)):
        for name, a, b in zip(INPUTS, compare.items(pre), compare.items(post), strict=True):
            if not np.array_equal(a["array"], b["array"], equal_nan=True):
                raise CaseFailure(f"step t={step + 1} modified its input {name} in place "
                                  f"(e.g. {name} *= …); compute and return new arrays")


def _check(param: np.ndarray, grads: list[np.ndarray], hyper: dict[str, float]):
    expected = torch_chain(param, grads, hyper)
    variants = {text: numpy_chain(param, grads, hyper, key) for key, text in MISTAKES.items()}

    def check(outputs: Outputs) -> None:
        _check_inputs_unchanged(outputs)
        for step in range(len(grads)):
            _compare_step(outputs, step, expected[step], variants)

    return check


def _case(name: str, rng: np.random.Generator, shape: tuple[int, ...], *, param_scale: float = 1.0,
          grad_scale: float = 1.0, hyper: dict[str, Any] | None = None,
          weight: float = 2.0) -> Case:
    param = param_scale * rng.standard_normal(shape)
    drift = rng.standard_normal(shape)
    grads = [grad_scale * (0.7 * drift + rng.standard_normal(shape)) for _ in range(STEPS)]
    payload = {"param": param, "grads": grads, "hyper": hyper or {}}
    return Case(name=name, payload=payload, check=_check(param, grads, hyper or {}),
                weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270114)
    return [
        _case("defaults_matrix_4x5", rng, (4, 5)),
        _case("large_lr_times_weight_decay", rng, (7,), hyper={"lr": 0.1, "weight_decay": 0.5}),
        _case("tiny_gradients_1e-5_eps_matters", rng, (2, 3, 4), param_scale=1e-3,
              grad_scale=1e-5, hyper={"lr": 1e-2}),
        _case("non_default_betas_and_eps", rng, (6,),
              hyper={"lr": 0.01, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6,
                     "weight_decay": 0.1}),
        _case("weight_decay_0_is_adam", rng, (3, 3), hyper={"lr": 0.05, "weight_decay": 0.0}),
        _case("single_element_shape_1", rng, (1,), hyper={"lr": 0.02}, weight=1.0),
        _case("scalar_0d_parameter", rng, (), hyper={"lr": 0.02, "weight_decay": 0.2},
              weight=1.0),
    ]


PROBLEM = Problem(
    id="adamw_step",
    title_zh="一步 AdamW",
    title_en="One AdamW step",
    difficulty="medium",
    tags=("optimizer", "adamw", "weight-decay", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
