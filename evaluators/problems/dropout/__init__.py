"""Inverted dropout in numpy, judged statistically (zero rate, scaling, independence)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_stats import check_rate
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torch",)


def _outputs(outputs: Outputs, shape: tuple[int, ...]) -> list[np.ndarray]:
    items = compare.items(compare.get(outputs, "outputs"))
    arrays = []
    for i, item in enumerate(items):
        label = f"output of call {i + 1}"
        got = compare.as_array({"x": item}, "x", "ndarray", label)
        if got.shape != shape:
            raise CaseFailure(f"{label}: expected shape {shape}, got {got.shape}")
        if item.get("dtype") != "float64":
            raise CaseFailure(f"{label} has dtype {item.get('dtype')}; return float64")
        arrays.append(got)
    return arrays


def _check_values(out: np.ndarray, x: np.ndarray, p: float) -> None:
    if not np.isfinite(out).all():
        raise CaseFailure(f"the output holds NaN or inf (p = {p:g}): with p = 1 every element "
                          "is dropped — return zeros instead of dividing by 1 − p = 0")
    kept = out != 0
    if not kept.any():
        return
    want = x[kept] / (1 - p)
    got = out[kept]
    if np.allclose(got, want, rtol=1e-6, atol=1e-8):
        return
    if np.allclose(got, x[kept], rtol=1e-6, atol=1e-8):
        hint = ("survivors are not scaled: inverted dropout multiplies them by 1 / (1 − p) so "
                "that E[out] = x")
    elif np.allclose(got, x[kept] * (1 - p), rtol=1e-6, atol=1e-8):
        hint = "survivors look multiplied by (1 − p); divide by (1 − p)"
    elif np.allclose(got, x[kept] / p, rtol=1e-6, atol=1e-8):
        hint = "survivors look divided by p; divide by (1 − p), the keep probability"
    else:
        hint = "every survivor must equal x / (1 − p)"
    i = int(np.flatnonzero(~np.isclose(got, want, rtol=1e-6, atol=1e-8))[0])
    raise CaseFailure(f"a surviving element is {got[i]:.6g} where x = {x[kept][i]:.6g} and "
                      f"p = {p:g}; expected {want[i]:.6g} — {hint}")


def _pairs(a: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Disjoint neighbouring slices along ``axis``: (0, 1), (2, 3), …"""
    a = np.moveaxis(a, axis, 0)
    n = a.shape[0] // 2 * 2
    return a[0:n:2], a[1:n:2]


def _check_independence(masks: list[np.ndarray], p: float) -> None:
    agree = p * p + (1 - p) * (1 - p)
    checks = []
    first = masks[0]
    for axis in range(first.ndim):
        if first.shape[axis] >= 2:
            name = {0: "rows (axis 0)", 1: "columns (axis 1)"}.get(axis, f"axis {axis}")
            checks.append((f"neighbouring {name}", *_pairs(first, axis)))
    if len(masks) > 1:
        checks.append(("two calls", masks[0], masks[1]))
    for what, a, b in checks:
        same = int((a == b).sum())
        check_rate(same, a.size, agree,
                   f"the drop masks of {what} agree on this many elements",
                   " — the mask looks shared or correlated; draw an independent mask for every "
                   "element, fresh on every call: rng.random(x.shape) >= p")


def _check_stats(outputs: Outputs, x: np.ndarray, p: float, calls: int) -> None:
    outs = _outputs(outputs, x.shape)
    if len(outs) != calls:
        raise CaseFailure(f"internal: {len(outs)} outputs for {calls} calls")
    for out in outs:
        _check_values(out, x, p)
    masks = [out == 0 for out in outs]
    _check_independence(masks, p)
    dropped = int(sum(m.sum() for m in masks))
    total = sum(m.size for m in masks)
    hint = (" — looks like the KEEP probability is p; p is the probability of DROPPING an "
            "element" if abs(dropped / total - (1 - p)) < 0.01 else "")
    check_rate(dropped, total, p, f"elements zeroed with p = {p:g}", hint)


def _stats_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], p: float,
                seed: int, calls: int = 2, weight: float = 2.0) -> Case:
    x = rng.uniform(0.5, 2.0, shape) * rng.choice([-1.0, 1.0], shape)
    payload = {"x": x, "p": p, "training": True, "seed": seed, "calls": calls}
    return Case(name=name, payload=payload, weight=weight,
                check=lambda outputs: _check_stats(outputs, x, p, calls))


def _identity_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], p: float,
                   training: bool, advice: str, weight: float = 1.0) -> Case:
    x = rng.standard_normal(shape)

    def check(outputs: Outputs) -> None:
        out = _outputs(outputs, x.shape)[0]
        try:
            compare.assert_close("output", out, x, compare.F64_TOL)
        except CaseFailure as failure:
            raise CaseFailure(f"{failure} — {advice}") from None

    payload = {"x": x, "p": p, "training": training, "seed": 5, "calls": 1}
    return Case(name=name, payload=payload, check=check, weight=weight)


def _all_dropped_case(name: str, rng: np.random.Generator) -> Case:
    x = rng.standard_normal((20, 30))

    def check(outputs: Outputs) -> None:
        out = _outputs(outputs, x.shape)[0]
        _check_values(out, x, 1.0)
        if np.any(out != 0):
            raise CaseFailure("with p = 1 in training every element must be 0")

    payload = {"x": x, "p": 1.0, "training": True, "seed": 6, "calls": 1}
    return Case(name=name, payload=payload, check=check)


def _check_repeat(outputs: Outputs) -> None:
    items = compare.items(compare.get(outputs, "outputs"))
    a, b = (compare.as_array({"x": item}, "x") for item in items)
    if a.shape != b.shape or not np.array_equal(a, b):
        raise CaseFailure("two calls with identically seeded `rng` gave different outputs: draw "
                          "the mask from the `rng` argument (rng.random), not np.random")


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270115)
    return [
        _stats_case("matrix_250x200_p0.3_two_calls", rng, (250, 200), 0.3, 81),
        _stats_case("vector_50000_p0.8", rng, (50_000,), 0.8, 82, calls=1),
        _stats_case("tensor_10x50x100_p0.1", rng, (10, 50, 100), 0.1, 83, calls=1),
        _stats_case("matrix_100x500_p0.5", rng, (100, 500), 0.5, 84, calls=1),
        _identity_case("eval_mode_returns_x", rng, (6, 7), 0.5, False,
                       "when not training dropout is the identity (inverted dropout scales at "
                       "training time, so evaluation needs no scaling)"),
        _identity_case("p_0_returns_x", rng, (4, 5, 3), 0.0, True,
                       "with p = 0 nothing is dropped and nothing is scaled"),
        _all_dropped_case("p_1_all_zeros_no_nan", rng),
        Case(name="reproducible_with_same_rng_seed", op="repeat", weight=1.0,
             payload={"x": rng.standard_normal((30, 40)), "p": 0.4, "seed": 85},
             check=_check_repeat),
    ]


PROBLEM = Problem(
    id="dropout",
    title_zh="Inverted Dropout（前向）",
    title_en="Inverted dropout (forward)",
    difficulty="easy",
    tags=("regularization", "dropout", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
