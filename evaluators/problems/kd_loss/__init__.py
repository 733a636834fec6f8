"""Knowledge distillation: alpha * T^2 * KL(teacher || student) (batchmean) + (1 - alpha) * CE."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_grads, scalar_loss
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z.astype(np.float64)
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def kd(s: np.ndarray, t: np.ndarray, y: np.ndarray, temp: float, alpha: float, *,
       kl_mean: str = "batch", reverse: bool = False, t_squared: bool = True,
       ce_temp: bool = False, teacher_temp: bool = True, swap_alpha: bool = False) -> float:
    """float64 KD loss; the keywords reproduce classic mistakes."""
    log_ps = _log_softmax(s / temp)
    log_pt = _log_softmax(t / temp if teacher_temp else t)
    pt, ps = np.exp(log_pt), np.exp(log_ps)
    per = (ps * (log_ps - log_pt)) if reverse else (pt * (log_pt - log_ps))
    kl = per.sum() / (per.size if kl_mean == "element" else len(s))
    ce_logp = _log_softmax(s / temp if ce_temp else s)
    ce = -ce_logp[np.arange(len(y)), y].mean()
    a = 1 - alpha if swap_alpha else alpha
    return float(a * (temp ** 2 if t_squared else 1.0) * kl + (1 - a) * ce)


def _torch_kd(student, teacher, targets, temp, alpha):
    import torch.nn.functional as F

    kl = F.kl_div(F.log_softmax(student / temp, dim=1), F.softmax(teacher / temp, dim=1),
                  reduction="batchmean")
    return alpha * temp ** 2 * kl + (1 - alpha) * F.cross_entropy(student, targets)


def _hints(s, t, y, temp: float, alpha: float) -> list[ca.Hint]:
    def variant(**kwargs: object):
        return lambda: np.array(kd(s, t, y, temp, alpha, **kwargs))  # type: ignore[arg-type]

    return [
        ("the KL looks averaged over all N·C elements (reduction='mean'); use 'batchmean': sum "
         "over classes, mean over the batch", variant(kl_mean="element")),
        ("the T² factor looks missing: alpha · T² · KL", variant(t_squared=False)),
        ("the KL looks reversed: KL(p_teacher ‖ p_student) = Σ p_t (log p_t − log p_s); "
         "F.kl_div takes the student's log-probs first, the teacher's probs second",
         variant(reverse=True)),
        ("the hard-label cross-entropy looks computed at temperature T; it uses the raw "
         "student logits (T = 1)", variant(ce_temp=True)),
        ("the teacher's logits look not divided by T", variant(teacher_temp=False)),
        ("alpha looks applied to the hard-label term; alpha weighs the distillation term",
         variant(swap_alpha=True)),
    ]


def _case(name: str, rng: np.random.Generator, n: int, c: int, temp: float | None,
          alpha: float | None, *, scale: float = 2.0, weight: float = 2.0) -> Case:
    s = (scale * rng.standard_normal((n, c))).astype(np.float32)
    t = (scale * rng.standard_normal((n, c)) + 0.5 * s).astype(np.float32)
    y = rng.integers(0, c, n)
    tv = 2.0 if temp is None else temp
    av = 0.5 if alpha is None else alpha
    expected = kd(s, t, y, tv, av)
    _, grads = autograd(_torch_kd, {"student": s, "teacher": t, "targets": y, "temp": tv,
                                    "alpha": av}, ("student",))

    def check(outputs: Outputs) -> None:
        loss = scalar_loss(outputs)
        ca.assert_close_hinted("loss", loss, np.array(expected), _hints(s, t, y, tv, av),
                               nan_hint="use log_softmax, not log(softmax(...))")
        check_grads(outputs, {"student_logits": grads["student"]})

    payload = {"student_logits": s, "teacher_logits": t, "targets": y, "T": temp, "alpha": alpha}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270112)
    return [
        _case("defaults_n8_c10", rng, 8, 10, None, None),
        _case("T4_alpha_0.9", rng, 6, 5, 4.0, 0.9),
        _case("T1_alpha_0.3", rng, 7, 6, 1.0, 0.3),
        _case("alpha_1_distillation_only", rng, 5, 8, 3.0, 1.0),
        _case("alpha_0_hard_labels_only", rng, 4, 7, 2.0, 0.0, weight=1.0),
        _case("batch1_c3", rng, 1, 3, 2.5, 0.6, weight=1.0),
        _case("binary_c2", rng, 9, 2, 2.0, 0.5),
        _case("large_logits_scale_30", rng, 6, 12, 5.0, 0.7, scale=30.0),
    ]


PROBLEM = Problem(
    id="kd_loss",
    title_zh="知识蒸馏损失",
    title_en="Knowledge-distillation loss",
    difficulty="medium",
    tags=("loss", "distillation", "model-compression", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
