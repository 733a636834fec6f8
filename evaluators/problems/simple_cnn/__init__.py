"""A small CNN for 1x28x28 inputs: output shapes, >= 2 conv layers, and it must be trainable.

Both the structure and the training checks are decided here from raw data: the number of
convolution operators the sandbox saw execute during ``forward`` (``outputs["__observed__"]``),
and the cross-entropy of the logits the model produced before and after training, computed on
this side with the labels this side generated.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.problem import OBSERVED, Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torchvision",)
SAMPLES, CLASSES, STEPS, LR, RATIO = 64, 10, 100, 1e-3, 0.5  # the fit test of problems.md


def _check_shape(batch: int, num_classes: int):
    def check(outputs: Outputs) -> None:
        out = compare.as_array(outputs, "output", "tensor", "SimpleCNN output")
        if out.shape != (batch, num_classes):
            hint = (" — the last layer must have num_classes outputs"
                    if out.ndim == 2 and out.shape[0] == batch else "")
            raise CaseFailure(f"SimpleCNN({num_classes}) on input ({batch}, 1, 28, 28): expected "
                              f"output shape ({batch}, {num_classes}), got {out.shape}{hint}")
        if not np.isfinite(out).all():
            raise CaseFailure("SimpleCNN output contains NaN or inf")
        if num_classes > 1 and np.all(out >= 0) and np.allclose(out.sum(axis=1), 1.0, atol=1e-4):
            raise CaseFailure("every output row is non-negative and sums to 1: forward must return "
                              "raw logits (no softmax); the loss applies log-softmax itself")

    return check


# every conv2d route (module, F, torch._C, TorchScript) runs one or more of these per call
CONVOLUTIONS = ("conv2d", "convolution", "_convolution", "mkldnn_convolution",
                "_slow_conv2d_forward", "thnn_conv2d")


def _check_structure(outputs: Outputs) -> None:
    ops = outputs.get(OBSERVED, {}).get("ops", {})
    convs = max(int(ops.get(f"aten::{name}", 0)) for name in CONVOLUTIONS)
    kernels = len(compare.to_python(compare.get(outputs, "kernel_shapes")) or [])
    if convs < 2:
        raise CaseFailure(f"SimpleCNN.forward ran {convs} convolution(s) and the model has "
                          f"{kernels} 4-D kernel parameter(s); the problem asks for at least "
                          "two convolutional layers, each used in forward")


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean cross-entropy of raw logits (float64, log-sum-exp stabilised)."""
    z = logits.astype(np.float64) - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())


def _check_fit(labels: np.ndarray):
    def check(outputs: Outputs) -> None:
        losses = compare.as_array(outputs, "losses", "any", "training losses").reshape(-1)
        before = compare.as_array(outputs, "logits_before", "tensor", "logits before training")
        after = compare.as_array(outputs, "logits_after", "tensor", "logits after training")
        for name, logits in (("before", before), ("after", after)):
            if logits.shape != (SAMPLES, CLASSES):
                raise CaseFailure(f"logits {name} training should have shape "
                                  f"({SAMPLES}, {CLASSES}), got {logits.shape}")
        start, end = cross_entropy(before, labels), cross_entropy(after, labels)
        if not (np.isfinite(start) and np.isfinite(end)):
            raise CaseFailure(f"the training loss is not finite: {start:.3g} -> {end:.3g}")
        target = RATIO * start
        if end <= target:
            return
        raise CaseFailure(
            f"full-batch training on {SAMPLES} fixed random samples: cross-entropy went from "
            f"{start:.3f} to {end:.3f} in {max(len(losses) - 1, 0)} Adam steps at lr {LR:g} "
            f"(at most {STEPS}); it must fall below {target:.3f}. Check that forward returns "
            "raw logits (no softmax), that every layer is registered in __init__ (attributes, "
            "nn.Sequential or nn.ModuleList) and that nothing is detached")

    return check


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261209)
    x1 = rng.standard_normal((1, 1, 28, 28)).astype(np.float32)
    x5 = rng.standard_normal((5, 1, 28, 28)).astype(np.float32)
    fit_x = rng.standard_normal((SAMPLES, 1, 28, 28)).astype(np.float32)
    fit_y = rng.permutation(np.arange(SAMPLES) % CLASSES).astype(np.int64)
    fit_payload = {"seed": 0, "num_classes": CLASSES, "x": fit_x, "y": fit_y,
                   "steps": STEPS, "lr": LR, "stop_ratio": RATIO}
    return [
        Case(name="output_shape_batch_1_default_classes", op="forward",
             payload={"seed": 0, "num_classes": None, "x": x1}, check=_check_shape(1, 10)),
        Case(name="output_shape_batch_5_num_classes_3", op="forward",
             payload={"seed": 0, "num_classes": 3, "x": x5}, check=_check_shape(5, 3)),
        Case(name="output_shape_batch_5_num_classes_10", op="forward",
             payload={"seed": 0, "num_classes": 10, "x": x5}, check=_check_shape(5, 10)),
        Case(name="has_at_least_two_conv_layers", op="structure",
             payload={"seed": 0, "num_classes": 10, "x": x5}, check=_check_structure),
        Case(name="fits_64_random_samples", op="fit", payload=fit_payload,
             check=_check_fit(fit_y), weight=2.0),
    ]


PROBLEM = Problem(
    id="simple_cnn",
    title_zh="简单卷积神经网络",
    title_en="A simple CNN",
    difficulty="easy",
    tags=("cnn", "pytorch", "training"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=60.0,
)
