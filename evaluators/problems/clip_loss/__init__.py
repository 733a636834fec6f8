"""CLIP's symmetric InfoNCE loss: normalised rows, logit_scale as the multiplier, both directions."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators.common_grad import autograd, check_grads, scalar_loss
from evaluators.problem import Case, Outputs, Problem

FORBIDDEN = ()
OVERFLOW = ("logits reach ±logit_scale (up to 100) and exp(100) overflows float32: use "
            "log_softmax / F.cross_entropy, not exp directly")


def _ce(logits: np.ndarray) -> float:
    m = logits.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return float((lse - np.diag(logits)).mean())


def clip(img: np.ndarray, txt: np.ndarray, scale: float, *, normalize: str = "rows",
         directions: str = "both", scale_mode: str = "multiply", reduce: str = "mean") -> float:
    """float64 CLIP loss; the keywords reproduce classic mistakes."""
    a, b = img.astype(np.float64), txt.astype(np.float64)
    if normalize != "none":
        axis = 1 if normalize == "rows" else 0
        a = a / np.linalg.norm(a, axis=axis, keepdims=True)
        b = b / np.linalg.norm(b, axis=axis, keepdims=True)
    s = {"multiply": scale, "exp": np.exp(scale), "divide": 1.0 / scale}[scale_mode]
    logits = s * a @ b.T
    loss = _ce(logits) if directions == "image" else (_ce(logits) + _ce(logits.T)) / 2
    return loss * len(a) if reduce == "sum" else loss


def _torch_clip(image, text, scale):
    import torch
    import torch.nn.functional as F

    logits = scale * F.normalize(image, dim=1) @ F.normalize(text, dim=1).T
    labels = torch.arange(len(image))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2


def _hints(img: np.ndarray, txt: np.ndarray, scale: float) -> list[ca.Hint]:
    def variant(**kwargs: str):
        return lambda: np.array(clip(img, txt, scale, **kwargs))

    return [
        ("the embeddings look not L2-normalised: normalise each row before the dot products",
         variant(normalize="none")),
        ("the embeddings look normalised along the batch dimension; normalise each row "
         "(dim=-1)", variant(normalize="columns")),
        ("only the image→text direction is used; average it with text→image (CE of logitsᵀ)",
         variant(directions="image")),
        ("logit_scale looks exponentiated again; it is the multiplier itself (already exp'd)",
         variant(scale_mode="exp")),
        ("the similarities look divided by logit_scale; multiply by it (it is 1 / temperature)",
         variant(scale_mode="divide")),
        ("the per-row losses look summed; each direction is a mean over the N rows",
         variant(reduce="sum")),
    ]


def _embeddings(rng: np.random.Generator, n: int, d: int, noise: float,
                clusters: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs; with ``clusters``, rows crowd around a few centres (cosines near 1: hard
    negatives and logits close to logit_scale)."""
    if clusters:
        centres = rng.standard_normal((clusters, d))
        img = centres[rng.integers(0, clusters, n)] + noise * rng.standard_normal((n, d))
    else:
        img = rng.standard_normal((n, d))
    txt = img + noise * rng.standard_normal((n, d))
    return (img * rng.uniform(0.2, 5.0, (n, 1)), txt * rng.uniform(0.2, 5.0, (n, 1)))


def _case(name: str, rng: np.random.Generator, n: int, d: int, scale: float, kind: str, *,
          noise: float = 3.0, clusters: int = 0, weight: float = 2.0) -> Case:
    img, txt = _embeddings(rng, n, d, noise, clusters)
    img, txt = img.astype(np.float32), txt.astype(np.float32)
    expected = clip(img, txt, scale)
    wrt = ["image", "text", "scale"] if kind == "tensor_grad" else ["image", "text"]
    _, grads = autograd(_torch_clip, {"image": img, "text": txt,
                                      "scale": np.array(scale)}, wrt)
    want = {"image_emb": grads["image"], "text_emb": grads["text"]}
    if kind == "tensor_grad":
        want["logit_scale"] = grads["scale"]

    def check(outputs: Outputs) -> None:
        loss = scalar_loss(outputs)
        ca.assert_close_hinted("loss", loss, np.array(expected), _hints(img, txt, scale),
                               nan_hint=OVERFLOW)
        check_grads(outputs, want)

    payload = {"image_emb": img, "text_emb": txt, "logit_scale": scale, "scale_kind": kind}
    return Case(name=name, payload=payload, check=check, weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270113)
    return [
        _case("float_scale_1_over_0.07_n8", rng, 8, 16, 1 / 0.07, "float"),
        _case("tensor_scale_with_gradient", rng, 6, 12, 1 / 0.07, "tensor_grad"),
        _case("tensor_scale_without_grad_odd_n5", rng, 5, 7, 10.0, "tensor"),
        _case("scale_100_hard_negatives_stable", rng, 8, 32, 100.0, "tensor_grad", noise=0.02,
              clusters=3),
        _case("scale_1_uncorrelated", rng, 9, 8, 1.0, "float", noise=10.0),
        _case("single_pair_loss_is_zero", rng, 1, 6, 1 / 0.07, "float", weight=1.0),
        _case("batch_32_dim_64", rng, 32, 64, 20.0, "tensor_grad"),
    ]


PROBLEM = Problem(
    id="clip_loss",
    title_zh="CLIP 对比损失",
    title_en="CLIP contrastive loss",
    difficulty="medium",
    tags=("loss", "contrastive-learning", "multimodal", "clip", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
