"""DPO (sigmoid) loss with TRL's implicit rewards; stable up to |beta * margin| = 500."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_detached, check_grads, scalar_loss
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
NAMES = ("policy_chosen_logps", "policy_rejected_logps", "ref_chosen_logps",
         "ref_rejected_logps")
DEFAULT_BETA = 0.1
OVERFLOW = ("−log(sigmoid(z)) overflows for large |z| in float32 (sigmoid underflows to 0): use "
            "−F.logsigmoid(z) or F.softplus(−z)")


def _softplus(z: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, z)


def dpo(a: dict[str, np.ndarray], beta: float, *, sign: float = 1.0, use_ref: bool = True,
        reduce: str = "mean") -> float:
    """float64 DPO loss; the keywords reproduce classic mistakes."""
    pc, pr, rc, rr = (a[n].astype(np.float64) for n in NAMES)
    margin = (pc - rc) - (pr - rr) if use_ref else pc - pr
    per = _softplus(-sign * beta * margin)
    return float(per.mean() if reduce == "mean" else per.sum())


def _torch_dpo(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps,
               ref_rejected_logps, beta):
    import torch.nn.functional as F

    margin = (policy_chosen_logps - ref_chosen_logps) - (policy_rejected_logps - ref_rejected_logps)
    return -F.logsigmoid(beta * margin).mean()


def _loss_hints(a: dict[str, np.ndarray], beta: float, default: bool) -> list[ca.Hint]:
    hints = [
        ("the sign looks flipped: the loss is −log σ(beta · margin), which falls as the chosen "
         "response gains over the rejected one", lambda: np.array(dpo(a, beta, sign=-1.0))),
        ("beta looks missing: scale the margin by beta inside the sigmoid",
         lambda: np.array(dpo(a, 1.0))),
        ("the reference log-probs look ignored: the margin is (policy_chosen − ref_chosen) − "
         "(policy_rejected − ref_rejected)", lambda: np.array(dpo(a, beta, use_ref=False))),
        ("the loss looks summed over the batch; take the mean",
         lambda: np.array(dpo(a, beta, reduce="sum"))),
    ]
    if default:
        hints.append(("the default beta looks wrong; it is 0.1", lambda: np.array(dpo(a, 0.5))))
    return hints


def _check_rewards(outputs: Outputs, a: dict[str, np.ndarray], beta: float) -> None:
    for key, side in (("chosen_rewards", "chosen"), ("rejected_rewards", "rejected")):
        policy = a[f"policy_{side}_logps"].astype(np.float64)
        ref = a[f"ref_{side}_logps"].astype(np.float64)
        got = ca.tensor_output(outputs, key)
        hints = [(f"{key} look unscaled: multiply (policy − ref) by beta",
                  partial(np.subtract, policy, ref)),
                 (f"{key} look like beta · policy log-probs without subtracting the reference",
                  partial(np.multiply, beta, policy))]
        ca.assert_close_hinted(key, got, beta * (policy - ref), hints)
        check_detached(outputs, key, key, "the implicit rewards are logged, not trained — "
                                          "return (beta * (policy − ref)).detach()")


def _check(a: dict[str, np.ndarray], beta: float | None):
    b = DEFAULT_BETA if beta is None else beta
    expected = dpo(a, b)
    _, grads = autograd(_torch_dpo, {**a, "beta": b}, NAMES[:2])

    def check(outputs: Outputs) -> None:
        loss = scalar_loss(outputs)
        ca.assert_close_hinted("loss", loss, np.array(expected), _loss_hints(a, b, beta is None),
                               nan_hint=OVERFLOW)
        _check_rewards(outputs, a, b)
        check_grads(outputs, grads, advice="build the loss from the policy tensors with torch "
                                           "ops (no .item() or .detach() on the way)")

    return check


def _case(name: str, rng: np.random.Generator, batch: int, beta: float | None, *,
          margins: list[float] | None = None, weight: float = 2.0) -> Case:
    pc = -rng.uniform(20, 200, batch)
    pr = -rng.uniform(20, 200, batch)
    rc = pc + rng.normal(0, 5, batch)
    rr = pr + rng.normal(0, 5, batch)
    if margins is not None:  # choose ref_rejected so that beta * margin hits each target
        b = DEFAULT_BETA if beta is None else beta
        rr = pr - ((pc - rc) - np.asarray(margins) / b)
    a = {n: v.astype(np.float32) for n, v in zip(NAMES, (pc, pr, rc, rr), strict=True)}
    payload = {**a, "beta": beta}
    return Case(name=name, payload=payload, check=_check(a, beta), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270105)
    return [
        _case("batch4_default_beta", rng, 4, None),
        _case("batch1_beta_0.5", rng, 1, 0.5, weight=1.0),
        _case("odd_batch7_beta_0.05", rng, 7, 0.05),
        _case("batch16_beta_1", rng, 16, 1.0),
        _case("extreme_margins_up_to_500", rng, 6, 1.0,
              margins=[-500.0, 500.0, -120.0, 90.0, -30.0, 0.5]),
        _case("extreme_negative_margins_beta_0.1", rng, 3, None, margins=[-400.0, -250.0, -88.0]),
    ]


PROBLEM = Problem(
    id="dpo_loss",
    title_zh="DPO 损失",
    title_en="DPO loss",
    difficulty="medium",
    tags=("alignment", "rlhf", "dpo", "loss", "llm", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
