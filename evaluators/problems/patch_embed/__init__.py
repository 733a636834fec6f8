"""ViT patchify ((c, dy, dx) order, row-major patches) and a Linear patch embedding."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np

from evaluators import common_attention as ca
from evaluators import compare
from evaluators.common_grad import check_after_reload
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("*.unfold", "*.Unfold", "*.pixel_unshuffle", "*.PixelUnshuffle")

# (grid order, pixel order) -> axes of the (B, C, H/p, p, W/p, p) view
LAYOUTS = {
    "ok": (0, 2, 4, 1, 3, 5),
    "dy_dx_c": (0, 2, 4, 3, 5, 1),
    "c_dx_dy": (0, 2, 4, 1, 5, 3),
    "column_major": (0, 4, 2, 1, 3, 5),
}


def patchify(images: np.ndarray, p: int, layout: str = "ok") -> np.ndarray:
    b, c, h, w = images.shape
    x = images.astype(np.float64)
    if layout == "reshape_only":
        return x.reshape(b, (h // p) * (w // p), c * p * p)
    x = x.reshape(b, c, h // p, p, w // p, p).transpose(LAYOUTS[layout])
    return x.reshape(b, (h // p) * (w // p), c * p * p)


HINTS = {
    "dy_dx_c": "pixels look ordered (dy, dx, c) (einops 'b (h p1) (w p2) c'); the order is "
               "(c, dy, dx): permute to (B, H/p, W/p, C, p, p) before flattening",
    "c_dx_dy": "pixels look ordered (c, dx, dy); within a channel list row dy, then column dx",
    "column_major": "patches look ordered column by column; patch n = i·(W/p) + j is row-major",
    "reshape_only": "the image looks reshaped to (B, N, C·p·p) without permuting: split H and W "
                    "into (H/p, p) and (W/p, p) and permute the patch axes together",
}


def _hints(images: np.ndarray, p: int) -> list[ca.Hint]:
    return [(text, partial(patchify, images, p, key)) for key, text in HINTS.items()]


def _images(rng: np.random.Generator, shape: tuple[int, ...], dtype: type) -> np.ndarray:
    return rng.standard_normal(shape).astype(dtype)


def _patchify_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], p: int,
                   dtype: type = np.float32, weight: float = 2.0) -> Case:
    images = _images(rng, shape, dtype)
    expected = patchify(images, p)
    want_dtype = np.dtype(dtype).name

    def check(outputs: Outputs) -> None:
        got = ca.tensor_output(outputs, "output", "patchify(...)")
        ca.assert_close_hinted("patchify", got, expected, _hints(images, p))
        dtype_got = compare.get(outputs, "output").get("dtype")
        if dtype_got != want_dtype:
            raise CaseFailure(f"patchify returned {dtype_got}; keep the images' dtype "
                              f"({want_dtype})")

    return Case(name=name, payload={"images": images, "patch_size": p}, check=check,
                op="patchify", weight=weight)


def _rejects_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], p: int) -> Case:
    images = _images(rng, shape, np.float32)

    def check(outputs: Outputs) -> None:
        raised = compare.to_python(compare.get(outputs, "raised"))
        size = f"{shape[2]}x{shape[3]}"
        if raised is None:
            got = compare.to_python(compare.get(outputs, "shape"))
            what = f"shape {tuple(got)}" if got is not None else "a value"
            raise CaseFailure(f"patchify on a {size} image with patch_size {p} returned {what}; "
                              "it must raise ValueError (no silent cropping)")
        if not compare.to_python(compare.get(outputs, "is_value_error")):
            message = compare.to_python(compare.get(outputs, "message"))
            raise CaseFailure(f"patchify on a {size} image with patch_size {p} raised {raised} "
                              f"({message}); check H % p and W % p and raise ValueError")

    return Case(name=name, payload={"images": images, "patch_size": p}, check=check,
                op="rejects", weight=1.0)


def _linear(rng: np.random.Generator, d_in: int, d_out: int) -> dict[str, np.ndarray]:
    return ca.make_linear(rng, d_in, d_out)


def _conv_embed(images: np.ndarray, p: int, proj: dict[str, np.ndarray]) -> np.ndarray:
    """timm's PatchEmbed: stride-p convolution with proj.weight viewed as (D, C, p, p)."""
    b, c, h, w = images.shape
    d = proj["weight"].shape[0]
    kernel = proj["weight"].astype(np.float64).reshape(d, c, p, p)
    tiles = images.astype(np.float64).reshape(b, c, h // p, p, w // p, p)
    out = np.einsum("bcipjq,dcpq->bijd", tiles, kernel) + proj["bias"]
    return out.reshape(b, (h // p) * (w // p), d)


def _module_case(name: str, rng: np.random.Generator, shape: tuple[int, ...], p: int, dim: int,
                 reload: bool = False, weight: float = 2.0) -> Case:
    images = _images(rng, shape, np.float32)
    c = shape[1]
    proj = _linear(rng, c * p * p, dim)
    second = _linear(rng, c * p * p, dim) if reload else None
    expected = _conv_embed(images, p, second or proj)

    def check(outputs: Outputs) -> None:
        if reload:
            check_after_reload(outputs, expected)
            return
        got = ca.tensor_output(outputs, "output", "PatchEmbed output")
        hints = [(text, lambda key=key: patchify(images, p, key)
                  @ proj["weight"].astype(np.float64).T + proj["bias"])
                 for key, text in HINTS.items()]
        ca.assert_close_hinted("PatchEmbed output", got, expected, hints)

    payload = {"args": [p, c, dim], "images": images, "linears": {"proj": proj},
               "linears2": {"proj": second} if second else None}
    return Case(name=name, payload=payload, check=check, op="module", weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270120)
    return [
        _patchify_case("three_channels_8x8_p4", rng, (2, 3, 8, 8), 4),
        _patchify_case("non_square_12x8_p2", rng, (1, 2, 12, 8), 2),
        _patchify_case("patch_size_1", rng, (2, 3, 3, 5), 1, weight=1.0),
        _patchify_case("single_patch_equals_flatten", rng, (3, 2, 4, 4), 4, weight=1.0),
        _patchify_case("float64_keeps_dtype", rng, (1, 4, 6, 9), 3, dtype=np.float64,
                       weight=1.0),
        _patchify_case("vit_like_3x32x32_p8", rng, (2, 3, 32, 32), 8),
        _rejects_case("height_not_multiple_raises_value_error", rng, (1, 3, 10, 8), 4),
        _rejects_case("width_not_multiple_raises_value_error", rng, (2, 1, 6, 7), 3),
        _module_case("module_equals_conv_stride_p", rng, (2, 3, 8, 12), 4, 16),
        _module_case("module_single_channel_p2", rng, (3, 1, 6, 6), 2, 5),
        _module_case("module_weights_changed_between_calls", rng, (1, 2, 4, 4), 2, 3,
                     reload=True, weight=1.0),
    ]


PROBLEM = Problem(
    id="patch_embed",
    title_zh="ViT Patch Embedding",
    title_en="ViT patch embedding",
    difficulty="easy",
    tags=("cv", "vision-transformer", "vit", "pytorch"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
