"""PPO clipped policy loss: token-level masked mean, gradient zero where the clip binds."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_grads, scalar_loss
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
DEFAULT_CLIP = 0.2
MARGIN = 1e-4  # no ratio this close to 1 ± clip_eps


def per_token(new: np.ndarray, old: np.ndarray, adv: np.ndarray, clip: float,
              mode: str = "ok") -> np.ndarray:
    """float64 per-token losses; ``mode`` reproduces classic mistakes."""
    ratio = np.exp(new.astype(np.float64) - old.astype(np.float64))
    adv = np.broadcast_to(adv.astype(np.float64), ratio.shape)
    un, cl = -adv * ratio, -adv * np.clip(ratio, 1 - clip, 1 + clip)
    return {"ok": lambda: np.maximum(un, cl), "min": lambda: np.minimum(un, cl),
            "objective": lambda: -np.maximum(un, cl), "unclipped": lambda: un,
            "clipped": lambda: cl}[mode]()


def reduce(loss: np.ndarray, mask: np.ndarray | None, how: str = "token") -> float:
    m = np.ones(loss.shape) if mask is None else mask.astype(np.float64)
    if how == "token":
        return float((loss * m).sum() / m.sum())
    if how == "all":
        return float((loss * m).sum() / loss.size)
    if how == "unmasked":
        return float(loss.mean())
    per_seq = (loss * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)
    return float(per_seq[m.sum(axis=1) > 0].mean())


def _torch_ppo(logp_new, logp_old, advantages, mask, clip):
    import torch

    ratio = torch.exp(logp_new - logp_old)
    loss = torch.maximum(-advantages * ratio,
                         -advantages * torch.clamp(ratio, 1 - clip, 1 + clip))
    m = torch.ones_like(loss) if mask is None else mask.to(loss.dtype)
    return (loss * m).sum() / m.sum()


def _hints(new, old, adv, mask, clip, default: bool) -> list[ca.Hint]:
    def variant(mode: str = "ok", how: str = "token", c: float = clip):
        return lambda: np.array(reduce(per_token(new, old, adv, c, mode), mask, how))

    hints = [
        ("the loss looks like a mean per sequence, then over sequences; PPO-RLHF here takes the "
         "token-level mean Σ loss·mask / Σ mask over the whole batch", variant(how="sequence")),
        ("the masked sum looks divided by all B·T tokens; divide by mask.sum()",
         variant(how="all")),
        ("the mask looks ignored: padded tokens must not count", variant(how="unmasked")),
        ("min of the negated terms was taken; the loss is max(−A·ratio, −A·clip(ratio)) "
         "(minus the min of the surrogates)", variant("min")),
        ("this is the surrogate objective itself; the loss is its negative",
         variant("objective")),
        ("the clipped term looks missing", variant("unclipped")),
        ("only the clipped term is used; take max(−A·ratio, −A·clip(ratio))",
         variant("clipped")),
    ]
    if not default:
        hints.append(("clip_eps looks ignored (0.2 used)", variant(c=DEFAULT_CLIP)))
    return hints


def _inputs(rng: np.random.Generator, shape: tuple[int, int], clip: float,
            adv_shape: tuple[int, int]) -> tuple[np.ndarray, ...]:
    old = (-rng.uniform(0.2, 5.0, shape)).astype(np.float32)
    new = (old + rng.normal(0.0, 0.3, shape)).astype(np.float32)
    for _ in range(100):
        ratio = np.exp(new.astype(np.float64) - old)
        near = (np.abs(ratio - (1 - clip)) < MARGIN) | (np.abs(ratio - (1 + clip)) < MARGIN)
        if not near.any():
            break
        new[near] = old[near] + rng.normal(0.0, 0.3, int(near.sum()))
    adv = rng.standard_normal(adv_shape).astype(np.float32)
    return new, old, adv


def _mask(rng: np.random.Generator, shape: tuple[int, int], kind: str | None) -> np.ndarray | None:
    if kind is None:
        return None
    lengths = rng.integers(1, shape[1] + 1, shape[0])
    lengths[0] = shape[1]
    valid = np.arange(shape[1])[None, :] < lengths[:, None]
    if kind == "bool":
        return valid
    return valid.astype(np.float32)


def _case(name: str, rng: np.random.Generator, shape: tuple[int, int], *,
          clip: float | None = None, mask: str | None = None, per_sequence_adv: bool = False,
          weight: float = 2.0) -> Case:
    c = DEFAULT_CLIP if clip is None else clip
    adv_shape = (shape[0], 1) if per_sequence_adv else shape
    new, old, adv = _inputs(rng, shape, c, adv_shape)
    m = _mask(rng, shape, mask)
    expected = reduce(per_token(new, old, adv, c), m)
    arrays = {"logp_new": new, "logp_old": old, "advantages": adv, "mask": m, "clip": c}
    _, grads = autograd(_torch_ppo, arrays, ("logp_new",))

    def check(outputs: Outputs) -> None:
        loss = scalar_loss(outputs)
        ca.assert_close_hinted("loss", loss, np.array(expected),
                               _hints(new, old, adv, m, c, clip is None))
        check_grads(outputs, grads)

    payload = {"logp_new": new, "logp_old": old, "advantages": adv, "clip_eps": clip, "mask": m}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270107)
    return [
        _case("no_mask_b4_t6", rng, (4, 6)),
        _case("bool_mask_ragged_lengths", rng, (5, 9), mask="bool"),
        _case("float_mask_sequence_advantages_b_1", rng, (4, 7), mask="float",
              per_sequence_adv=True),
        _case("batch1_odd_t11", rng, (1, 11), weight=1.0),
        _case("clip_eps_0.1_bool_mask", rng, (3, 8), clip=0.1, mask="bool"),
        _case("clip_eps_0.3_sequence_advantages", rng, (6, 5), clip=0.3, per_sequence_adv=True),
        _case("long_ragged_b8_t64_float_mask", rng, (8, 64), mask="float"),
    ]


PROBLEM = Problem(
    id="ppo_clip_loss",
    title_zh="PPO 裁剪策略损失",
    title_en="PPO clipped policy loss",
    difficulty="medium",
    tags=("alignment", "reinforcement-learning", "ppo", "rlhf", "loss", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
