"""Manual backprop through a 2-layer sigmoid MLP with mean BCE loss, checked against autograd."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import bug_hint
from evaluators.problem import Case, CaseFailure, Outputs, Problem

# Any route into torch autograd trivializes the problem: creating tensors is how it starts.
FORBIDDEN = ("torch.autograd", "torch.func", "torch.tensor", "torch.from_numpy",
             "torch.as_tensor", "torch.Tensor", "torch.DoubleTensor", "torch.FloatTensor",
             "torch.nn.Parameter", "jax", "autograd")
NAMES = ("dW1", "db1", "dW2", "db2")


def autograd_grads(x, y, w1, b1, w2, b2) -> dict[str, np.ndarray]:
    """The gradients of the mean BCE loss by torch float64 autograd."""
    import torch

    params = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in (w1, b1, w2, b2)]
    xt, yt = torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    a1 = torch.sigmoid(xt @ params[0] + params[1])
    a2 = torch.sigmoid(a1 @ params[2] + params[3])
    loss = -(yt * torch.log(a2) + (1 - yt) * torch.log(1 - a2)).mean()
    loss.backward()
    return {n: p.grad.numpy() for n, p in zip(NAMES, params, strict=True)}  # type: ignore[union-attr]


def _variants(x, y, w1, b1, w2, b2) -> dict[str, list]:
    """Classic hand-derived mistakes, per parameter name."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    a1 = sig(x @ w1 + b1)
    a2 = sig(a1 @ w2 + b2)
    m = len(x)
    dz2 = (a2 - y) / m
    extra = dz2 * a2 * (1 - a2)  # sigmoid derivative applied again on top of BCE
    bad: dict[str, list] = {n: [] for n in NAMES}
    for hint, d2 in (("the output sigmoid derivative was applied on top of (a2 - y)", extra),
                     ("the gradient was not divided by m (sum instead of mean)", dz2 * m)):
        dz1 = (d2 @ w2.T) * a1 * (1 - a1)
        for n, g in zip(NAMES, (x.T @ dz1, dz1.sum(0, keepdims=True), a1.T @ d2,
                                d2.sum(0, keepdims=True)), strict=True):
            bad[n].append((hint, g))
    dz1 = dz2 @ w2.T
    bad["dW1"].append(("the hidden sigmoid derivative a1 (1 - a1) is missing", x.T @ dz1))
    bad["db1"].append(("the hidden sigmoid derivative a1 (1 - a1) is missing",
                       dz1.sum(0, keepdims=True)))
    return bad


def _check(arrays: tuple[np.ndarray, ...]):
    expected = autograd_grads(*arrays)
    variants = _variants(*arrays)

    def check(outputs: Outputs) -> None:
        for name in NAMES:
            got = compare.as_array(outputs, name, "ndarray", name)
            want = expected[name]
            if got.shape != want.shape:
                hint = " (transposed?)" if got.shape == want.shape[::-1] else ""
                raise CaseFailure(f"{name}: expected shape {want.shape} (the shape of the "
                                  f"parameter), got {got.shape}{hint}")
            try:
                compare.assert_close(name, got, want, compare.F64_TOL)
            except CaseFailure as failure:
                raise CaseFailure(str(failure) + bug_hint(got, variants[name])) from None

    return check


def _case(name: str, rng: np.random.Generator, m: int, n_in: int, h: int,
          weight: float = 1.0) -> Case:
    x = rng.standard_normal((m, n_in))
    y = (rng.random((m, 1)) < 0.5).astype(np.float64)
    w1 = rng.standard_normal((n_in, h)) * 0.8
    b1 = rng.standard_normal((1, h)) * 0.3
    w2 = rng.standard_normal((h, 1)) * 0.8
    b2 = rng.standard_normal((1, 1)) * 0.3
    arrays = (x, y, w1, b1, w2, b2)
    payload = dict(zip(("X", "y", "W1", "b1", "W2", "b2"), arrays, strict=True))
    return Case(name=name, payload=payload, check=_check(arrays), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261208)
    return [
        _case("single_row_m1", rng, 1, 3, 4),
        _case("odd_sizes_m7_in5_h3", rng, 7, 5, 3, 1.5),
        _case("one_hidden_unit", rng, 6, 4, 1),
        _case("one_input_feature", rng, 9, 1, 5),
        _case("batch_64_in10_h16", rng, 64, 10, 16, 1.5),
        _case("square_in_equals_hidden", rng, 5, 6, 6),
    ]


PROBLEM = Problem(
    id="mlp_backprop",
    title_zh="两层 MLP 反向传播",
    title_en="Backpropagation for a two-layer MLP",
    difficulty="medium",
    tags=("backprop", "neural-networks", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
