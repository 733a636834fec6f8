"""2-D cross-correlation in numpy, as ``F.conv2d``: zero padding, integer stride."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torch.nn.functional.conv2d",
    "torch.conv2d",
    "torch.nn.Conv2d",
    "torch.nn.modules.conv",
    "torch.convolution",
    "torch._convolution",
    "torch.ops.aten.conv2d",
    "torch.ops.aten.convolution",
    "scipy.signal",
    "scipy.ndimage",
)


def reference(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, stride: int,
              padding: int) -> np.ndarray:
    """float64 cross-correlation via sliding windows."""
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    kh, kw = weight.shape[2:]
    windows = sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,ocij->nohw", windows, weight)
    if bias is not None:
        out = out + bias[None, :, None, None]
    return out


def _hint(got: np.ndarray, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None,
          stride: int, padding: int) -> str:
    """A hint when the output matches a classic mistake."""
    flipped = reference(x, weight[:, :, ::-1, ::-1], bias, stride, padding)
    if np.allclose(got, flipped, rtol=1e-6, atol=1e-8):
        return (" — this is a true convolution with the kernel flipped; F.conv2d is a "
                "cross-correlation: out[i, j] = sum x[i*s + a, j*s + b] * w[a, b]")
    if bias is not None and np.allclose(got, reference(x, weight, None, stride, padding),
                                        rtol=1e-6, atol=1e-8):
        return " — the bias was not added"
    return ""


def _check(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None, stride: int,
           padding: int):
    expected = reference(x, weight, bias, stride, padding)

    def check(outputs: Outputs) -> None:
        got = compare.as_array(outputs, "output", "any", "conv2d output")
        if got.shape != expected.shape:
            raise CaseFailure(
                f"conv2d output: expected shape {expected.shape}, got {got.shape} (input "
                f"{x.shape}, kernel {weight.shape[2:]}, stride={stride}, padding={padding}; "
                "out = (size + 2*padding - kernel) // stride + 1)")
        try:
            compare.assert_close("conv2d output", got, expected, compare.F64_TOL)
        except CaseFailure as failure:
            raise CaseFailure(str(failure) + _hint(got, x, weight, bias, stride, padding)) from None

    return check


def _case(rng: np.random.Generator, spec: tuple[Any, ...], defaults: bool) -> Case:
    name, n, c, hw, o, k, with_bias, stride, padding = spec
    x = rng.standard_normal((n, c, *hw))
    weight = rng.standard_normal((o, c, *k))
    bias = rng.standard_normal(o) if with_bias else None
    payload = {"x": x, "weight": weight, "bias": bias, "stride": stride, "padding": padding,
               "defaults": defaults}
    return Case(name=name, payload=payload, check=_check(x, weight, bias, stride, padding))


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261201)
    specs: list[tuple[Any, ...]] = [
        # name, N, C, (H, W), O, (kh, kw), bias, stride, padding
        ("defaults_3x3_no_bias", 2, 3, (7, 7), 4, (3, 3), False, 1, 0),
        ("with_bias_padding_1", 2, 2, (6, 5), 3, (3, 3), True, 1, 1),
        ("stride_2_padding_1", 2, 3, (8, 8), 4, (3, 3), True, 2, 1),
        ("stride_2_does_not_divide", 2, 2, (7, 7), 3, (2, 2), True, 2, 0),
        ("non_square_kernel_2x3", 2, 3, (6, 9), 2, (2, 3), True, 1, 0),
        ("non_square_kernel_1x5_stride_3_padding_2", 2, 2, (5, 11), 3, (1, 5), True, 3, 2),
        ("kernel_3x2_stride_3_padding_2", 3, 2, (10, 6), 4, (3, 2), False, 3, 2),
        ("batch1_single_channel_with_bias", 1, 1, (5, 5), 1, (3, 3), True, 1, 0),
        ("kernel_1x1_with_bias", 2, 4, (4, 4), 3, (1, 1), True, 1, 0),
        ("kernel_covers_input", 2, 3, (4, 5), 2, (4, 5), True, 1, 0),
        ("larger_padding_than_half_kernel", 1, 2, (4, 4), 2, (3, 3), True, 1, 2),
        ("random_16x16_stride_1_padding_1", 2, 4, (16, 16), 8, (3, 3), True, 1, 1),
    ]
    # the first case calls conv2d(x, weight) to exercise the defaults
    return [_case(rng, spec, defaults=(i == 0)) for i, spec in enumerate(specs)]


PROBLEM = Problem(
    id="conv2d",
    title_zh="二维卷积（numpy 实现）",
    title_en="2-D convolution in numpy",
    difficulty="medium",
    tags=("cnn", "convolution", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
