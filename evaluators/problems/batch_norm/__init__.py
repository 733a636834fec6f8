"""BatchNorm1d in numpy: batch statistics in training, running statistics in eval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torch.nn.BatchNorm1d",
    "torch.nn.modules.batchnorm",
    "torch.nn.functional.batch_norm",
    "torch.batch_norm",
    "torch.native_batch_norm",
    "sklearn",
)
TOL = compare.F64_TOL


@dataclass(frozen=True)
class Mistake:
    """How to simulate; the default is torch.nn.BatchNorm1d, the others are classic mistakes."""

    running_ddof: int = 1
    norm_ddof: int = 0
    momentum_flipped: bool = False
    eval_uses_batch: bool = False
    eps_outside: bool = False
    update_in_eval: bool = False


MISTAKES = (
    (Mistake(running_ddof=0), "running_var must be updated with the UNBIASED batch variance "
                              "(divide by N - 1), as torch.nn.BatchNorm1d does"),
    (Mistake(momentum_flipped=True), "the running update looks flipped: running = (1 - momentum) "
                                     "* running + momentum * batch_stat"),
    (Mistake(norm_ddof=1), "training mode must normalize with the BIASED batch variance "
                           "(divide by N); only running_var uses the unbiased one"),
    (Mistake(eval_uses_batch=True), "eval mode (training=False) must normalize with running_mean "
                                    "and running_var, not the batch statistics"),
    (Mistake(update_in_eval=True), "eval mode must not update the running statistics"),
    (Mistake(eps_outside=True), "eps goes inside the square root: (x - mean) / sqrt(var + eps)"),
)


def simulate(args: list, gamma: np.ndarray, beta: np.ndarray, steps: list[dict],
             mistake: Mistake = Mistake()) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(output, running_mean, running_var) after each step, in float64."""
    channels, eps, momentum = (list(args) + [1e-5, 0.1][len(args) - 1:])[:3]
    mean, var = np.zeros(channels), np.ones(channels)
    results = []
    for step in steps:
        x, train = step["x"].astype(np.float64), step["training"] is not False
        if train or mistake.eval_uses_batch:
            mu, sigma2 = x.mean(axis=0), x.var(axis=0, ddof=mistake.norm_ddof)
        else:
            mu, sigma2 = mean, var
        std = np.sqrt(sigma2) + eps if mistake.eps_outside else np.sqrt(sigma2 + eps)
        out = (x - mu) / std * gamma + beta
        if train or mistake.update_in_eval:
            keep = momentum if mistake.momentum_flipped else 1.0 - momentum
            mean = keep * mean + (1.0 - keep) * x.mean(axis=0)
            var = keep * var + (1.0 - keep) * x.var(axis=0, ddof=mistake.running_ddof)
        results.append((out, mean.copy(), var.copy()))
    return results


def _check_steps(outputs: Outputs, args: list, gamma, beta, steps: list[dict]) -> None:
    expected = simulate(args, gamma, beta, steps)
    wrong: dict[Mistake, list] = {}  # mistake -> simulated results, computed on demand

    def hints(i: int, slot: int) -> list[ca.Hint]:
        def compute(mistake: Mistake):
            def run() -> np.ndarray:
                wrong.setdefault(mistake, simulate(args, gamma, beta, steps, mistake))
                return wrong[mistake][i][slot]
            return run
        return [(text, compute(m)) for m, text in MISTAKES]

    items = {key: ca.list_items(outputs, key) for key in ("outputs", "running_mean", "running_var")}
    for i, step in enumerate(steps):
        mode = "eval" if step["training"] is False else "training"
        for slot, key in enumerate(("outputs", "running_mean", "running_var")):
            where = f"step {i} ({mode}, N={len(step['x'])})"
            label = f"{where}: output" if slot == 0 else f"after {where}: {key}"
            got = ca.item_array(items[key][i], label, "ndarray" if slot == 0 else "any")
            got = got.reshape(-1) if slot and got.size == expected[i][slot].size else got
            ca.assert_close_hinted(label, got, expected[i][slot], hints(i, slot), TOL)


def _case(name: str, rng: np.random.Generator, args: list, plan: Sequence[tuple[int, bool | None]],
          *, affine: bool = False, scale: float = 1.0, offset: float = 0.0,
          check_init: bool = False, weight: float = 2.0) -> Case:
    channels = args[0]
    loc = offset + rng.standard_normal(channels)
    steps = [{"x": loc + scale * rng.standard_normal((n, channels)), "training": training}
             for n, training in plan]
    gamma, beta = np.ones(channels), np.zeros(channels)
    if affine:
        gamma, beta = 1.0 + 0.5 * rng.standard_normal(channels), rng.standard_normal(channels)
    payload = {"args": args, "gamma": gamma if affine else None,
               "beta": beta if affine else None, "steps": steps}

    def check(outputs: Outputs) -> None:
        if check_init:
            _check_initial(outputs, channels)
        _check_steps(outputs, args, gamma, beta, steps)

    return Case(name=name, payload=payload, check=check, weight=weight)


def _check_initial(outputs: Outputs, channels: int) -> None:
    for key, value in (("initial_mean", 0.0), ("initial_var", 1.0)):
        got = compare.as_array(outputs, key).reshape(-1)
        name = "running_mean" if key == "initial_mean" else "running_var"
        if got.shape != (channels,) or not np.allclose(got, value):
            raise CaseFailure(f"a new BatchNorm1d({channels}) should start with {name} = "
                              f"{'zeros' if value == 0 else 'ones'} ({channels},), "
                              f"got {got.tolist()}")


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261207)
    train, evaluate = True, False
    return [
        _case("single_training_step_default_args", rng, [4], [(8, None)]),
        _case("three_steps_then_eval", rng, [5], [(16, train)] * 3 + [(7, evaluate)]),
        _case("custom_gamma_beta", rng, [3], [(6, train), (6, train), (5, evaluate),
                                              (4, evaluate)], affine=True),
        _case("custom_eps_and_momentum", rng, [4, 1e-3, 0.3], [(12, train)] * 3 + [(6, evaluate)],
              scale=0.05),
        _case("minimum_batch_of_two_then_eval_one", rng, [3], [(2, train), (1, evaluate)]),
        _case("eval_before_training_uses_initial_stats", rng, [4], [(5, evaluate)],
              check_init=True, weight=1.0),
        _case("eval_between_training_steps", rng, [4], [(8, train), (6, evaluate), (6, evaluate),
                                                        (8, train), (3, evaluate)]),
        _case("nonzero_mean_inputs", rng, [6], [(10, train)] * 4 + [(9, evaluate)],
              affine=True, scale=3.0, offset=5.0),
        _case("single_feature", rng, [1], [(4, train), (4, train), (2, evaluate)], weight=1.0),
    ]


PROBLEM = Problem(
    id="batch_norm",
    title_zh="批归一化（BatchNorm1d，numpy）",
    title_en="Batch normalization (BatchNorm1d, numpy)",
    difficulty="medium",
    tags=("normalization", "numpy", "training"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
