"""SimCLR NT-Xent loss: a scalar tensor that supports backward(); gradients are checked too."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import Variants, close_or_fail
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("pytorch_metric_learning", "lightly")


def loss_value(z1: np.ndarray, z2: np.ndarray, temperature: float, *, normalize: bool = True,
               exclude_self: bool = True, diag_fill: float = -np.inf,
               rows: str = "all") -> float:
    """float64 NT-Xent; the keyword flags produce the classic buggy variants for hints."""
    z = np.concatenate([z1, z2]).astype(np.float64)
    if normalize:
        z = z / np.linalg.norm(z, axis=1, keepdims=True)
    n = len(z1)
    sim = z @ z.T / temperature
    if exclude_self:
        np.fill_diagonal(sim, diag_fill)
    pos = np.concatenate([np.arange(n, 2 * n), np.arange(n)])
    m = sim.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(sim - m).sum(axis=1))
    per_row = lse - sim[np.arange(2 * n), pos]
    return float(per_row[:n].mean() if rows == "first" else per_row.mean())


def gradients(z1: np.ndarray, z2: np.ndarray, temperature: float) -> tuple[np.ndarray, ...]:
    """d loss / d z1, d z2 by torch float64 autograd of the same formula."""
    import torch

    a = torch.tensor(z1, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(z2, dtype=torch.float64, requires_grad=True)
    z = torch.cat([a, b])
    z = z / z.norm(dim=1, keepdim=True)
    n = len(z1)
    sim = (z @ z.T / temperature).masked_fill(torch.eye(2 * n, dtype=torch.bool), -torch.inf)
    pos = torch.cat([torch.arange(n, 2 * n), torch.arange(n)])
    loss = (torch.logsumexp(sim, dim=1) - sim[torch.arange(2 * n), pos]).mean()
    loss.backward()
    assert a.grad is not None and b.grad is not None
    return a.grad.numpy(), b.grad.numpy()


def _variants(z1: np.ndarray, z2: np.ndarray, t: float) -> Variants:
    return [
        ("the temperature was not applied", loss_value(z1, z2, 1.0)),
        ("self-similarity was not excluded from the denominator",
         loss_value(z1, z2, t, exclude_self=False)),
        ("the diagonal was set to 0 instead of -inf (it still adds exp(0) to the denominator)",
         loss_value(z1, z2, t, diag_fill=0.0)),
        ("the embeddings were not L2-normalized", loss_value(z1, z2, t, normalize=False)),
        ("only the N rows of z1 were averaged (all 2N rows are anchors)",
         loss_value(z1, z2, t, rows="first")),
    ]


def _check_backward(outputs: Outputs, z1: np.ndarray, z2: np.ndarray, t: float) -> None:
    error = compare.to_python(compare.get(outputs, "backward_error"))
    if error:
        raise CaseFailure(f"loss.backward() failed: {error} — build the loss from the input "
                          "tensors with torch ops (no .item(), numpy or torch.tensor(...))")
    expected = gradients(z1, z2, t)
    for name, want in zip(("grad_z1", "grad_z2"), expected, strict=True):
        if compare.get(outputs, name).get("type") == "none":
            raise CaseFailure(f"after loss.backward(), {name[5:]}.grad is None: the loss is not "
                              "connected to the inputs (detached or recomputed outside autograd)")
        got = compare.as_array(outputs, name, "tensor", name)
        compare.assert_close(f"{name[5:]}.grad", got, want, compare.F32_TOL)


def _check(z1: np.ndarray, z2: np.ndarray, temperature: float | None):
    t = 0.5 if temperature is None else temperature
    expected = loss_value(z1, z2, t)
    variants = _variants(z1, z2, t)

    def check(outputs: Outputs) -> None:
        got = compare.as_array(outputs, "loss", "tensor", "nt_xent_loss(...)")
        if got.size != 1:
            raise CaseFailure(f"the loss should be a scalar tensor, got shape {got.shape} — "
                              "average over all 2N rows")
        close_or_fail("loss", got.reshape(()), np.array(expected), compare.F32_TOL, variants,
                      "overflow in exp: subtract the row max (log-sum-exp)")
        _check_backward(outputs, z1, z2, t)

    return check


def _case(name: str, rng: np.random.Generator, n: int, d: int, temperature: float | None,
          noise: float | None = None, weight: float = 1.0) -> Case:
    scale = rng.uniform(0.3, 4.0, size=(n, 1))
    z1 = (rng.standard_normal((n, d)) * scale).astype(np.float32)
    if noise is None:
        z2 = (rng.standard_normal((n, d)) * rng.uniform(0.3, 4.0, size=(n, 1)))
    else:
        z2 = (z1 + noise * rng.standard_normal((n, d))) * rng.uniform(0.5, 2.0, size=(n, 1))
    z2 = z2.astype(np.float32)
    payload = {"z1": z1, "z2": z2, "temperature": temperature}
    return Case(name=name, payload=payload, check=_check(z1, z2, temperature), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261203)
    specs = [
        ("single_pair_loss_is_zero", 1, 4, 0.5, None, 0.5),
        ("two_pairs_default_temperature", 2, 3, None, None, 1.0),
        ("odd_batch_5_dim_8", 5, 8, 0.5, None, 1.0),
        ("temperature_0.1", 8, 16, 0.1, None, 1.5),
        ("temperature_1.0_default_call_differs", 6, 12, 1.0, None, 1.0),
        ("correlated_views_default_temperature", 16, 32, None, 0.3, 1.5),
        ("correlated_views_low_temperature_0.05", 12, 24, 0.05, 3.0, 1.5),
    ]
    return [_case(name, rng, n, d, t, noise, w) for name, n, d, t, noise, w in specs]


PROBLEM = Problem(
    id="nt_xent_loss",
    title_zh="NT-Xent 对比损失（SimCLR）",
    title_en="NT-Xent contrastive loss (SimCLR)",
    difficulty="medium",
    tags=("loss", "contrastive-learning", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
