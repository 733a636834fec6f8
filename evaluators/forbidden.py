"""Which forbidden library calls a run *executed*, from what the sandbox observed (trusted side).

A problem forbids dotted names (``torch.nn.functional.layer_norm``, ``torch.nn.LayerNorm``,
``torch.autograd``, ``sklearn``, ``numpy.linalg.solve``…). The static check
(:mod:`evaluators.static_check`) reads the source; this module reads the run:

* ``calls`` — names whose Python functions, classes or modules executed, matched inside the
  sandbox by code identity (:mod:`evaluators.sandbox.observe`), so ``getattr``/``importlib``/
  ``eval`` routes to them are caught;
* ``imports`` — modules imported while candidate code ran (``sklearn.cluster`` hits ``sklearn``);
* ``ops`` — the torch operators that executed, whatever Python route reached them
  (``torch._C._VariableFunctions.conv2d``, ``torch.ops.aten.layer_norm``, TorchScript…). Each
  forbidden torch name maps to the operators only it issues: ``F.layer_norm`` →
  ``aten::layer_norm``/``aten::native_layer_norm``, ``F.cross_entropy`` →
  ``aten::cross_entropy_loss``, ``nn.Conv2d`` → the convolution operators, ``torch.autograd`` →
  autograd's engine and backward nodes, ``torch.linalg`` → ``aten::linalg_*``, the tensor
  factories of a numpy-only problem (``torch.tensor``, ``torch.from_numpy``…) and ``torch``
  itself (the whole library, for numpy and pure-Python problems) → any operator. A name written
  ``*.leaf`` (any module: ``*.rms_norm``, ``*._scaled_dot_product_*``) matches the operator
  ``aten::<leaf>`` (wildcards allowed) and the operators :data:`OPERATORS` maps ``leaf`` to;
  its Python functions are matched by name inside the sandbox
  (:mod:`evaluators.sandbox.observe`).

Drivers never use a problem's forbidden names themselves (they are observed in the same
phases), so a hit is always the candidate's.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import Any

CONV = ("conv2d", "convolution", "_convolution", "mkldnn_convolution", "_slow_conv2d_forward",
        "thnn_conv2d", "_nnpack_spatial_convolution", "conv_depthwise2d")
BATCH_NORM = ("batch_norm", "native_batch_norm", "_native_batch_norm_legit",
              "_native_batch_norm_legit_no_training", "_batch_norm_impl_index",
              "_batch_norm_no_update", "_batch_norm_with_update")
SDPA = ("scaled_dot_product_attention", "_scaled_dot_product_attention_math",
        "_scaled_dot_product_flash_attention_for_cpu", "_scaled_dot_product_flash_attention",
        "_scaled_dot_product_efficient_attention", "_scaled_dot_product_cudnn_attention",
        "_scaled_dot_product_fused_attention_overrideable")
RNN = ("rnn_tanh", "rnn_relu", "rnn_tanh_cell", "rnn_relu_cell", "lstm", "lstm_cell",
       "_thnn_fused_lstm_cell", "gru", "gru_cell", "_thnn_fused_gru_cell")
# leaf name (function or class) -> the aten operators that only it issues
OPERATORS: dict[str, tuple[str, ...]] = {
    "layer_norm": ("layer_norm", "native_layer_norm"), "native_layer_norm": ("native_layer_norm",),
    "LayerNorm": ("layer_norm", "native_layer_norm"),
    "cross_entropy": ("cross_entropy_loss",), "CrossEntropyLoss": ("cross_entropy_loss",),
    "log_softmax": ("log_softmax", "_log_softmax"),
    "binary_cross_entropy": ("binary_cross_entropy",), "BCELoss": ("binary_cross_entropy",),
    "binary_cross_entropy_with_logits": ("binary_cross_entropy_with_logits",),
    "BCEWithLogitsLoss": ("binary_cross_entropy_with_logits",),
    "conv2d": CONV, "Conv2d": CONV, "batch_norm": BATCH_NORM, "BatchNorm1d": BATCH_NORM,
    "scaled_dot_product_attention": SDPA, "_scaled_dot_product_attention": SDPA,
    "multi_head_attention_forward": ("_native_multi_head_attention",),
    "MultiheadAttention": ("_native_multi_head_attention",),
    "_native_multi_head_attention": ("_native_multi_head_attention",),
    "cdist": ("cdist", "_cdist_forward", "_euclidean_dist"),
    "cosine_similarity": ("cosine_similarity",), "CosineSimilarity": ("cosine_similarity",),
    "lstm": ("lstm",), "LSTM": ("lstm",), "LSTMCell": ("lstm_cell", "_thnn_fused_lstm_cell"),
    "rnn_tanh": ("rnn_tanh",), "rnn_tanh_cell": ("rnn_tanh_cell",), "RNN": ("rnn_tanh", "rnn_relu"),
    "RNNCell": ("rnn_tanh_cell", "rnn_relu_cell"),
    "rms_norm": ("rms_norm", "_fused_rms_norm"), "RMSNorm": ("rms_norm", "_fused_rms_norm"),
    "unfold": ("unfold", "im2col"), "Unfold": ("im2col",),
    "pixel_unshuffle": ("pixel_unshuffle",), "PixelUnshuffle": ("pixel_unshuffle",),
}
MODULE_OPERATORS: dict[str, tuple[str, ...]] = {
    "torch.nn.modules.conv": CONV, "torch.nn.modules.batchnorm": BATCH_NORM,
    "torch.nn.modules.rnn": RNN, "torch._VF": RNN,
}
TENSOR_FACTORIES = frozenset({"torch.tensor", "torch.from_numpy", "torch.as_tensor",
                              "torch.asarray", "torch.Tensor", "torch.DoubleTensor",
                              "torch.FloatTensor", "torch.nn.Parameter"})
AUTOGRAD_MARKERS = ("autograd::engine::evaluate_function", "torch::autograd::AccumulateGrad")
ANY_MODULE = "*."


def _autograd(op: str) -> bool:
    return op.startswith(AUTOGRAD_MARKERS) or (op.endswith(("Backward0", "Backward1"))
                                               and "::" not in op)


def operator_hit(name: str, ops: Iterable[str]) -> bool:
    """Whether the operators in ``ops`` show a use of the forbidden ``name``."""
    ops = list(ops)
    if name.startswith(ANY_MODULE):
        return _leaf_operator_hit(name[len(ANY_MODULE):], ops)
    if not name.startswith("torch") or not ops:
        return False
    if name in TENSOR_FACTORIES or name == "torch":
        return True
    if name in ("torch.autograd", "torch.func"):
        return any(_autograd(op) for op in ops)
    if name == "torch.linalg":
        return any(op.startswith("aten::linalg_") for op in ops)
    if name.startswith("torch.ops."):
        namespace = name.split(".")[2]
        return any(op.startswith(f"{namespace}::") for op in ops)
    wanted = MODULE_OPERATORS.get(name) or OPERATORS.get(name.rsplit(".", 1)[-1])
    if wanted is None:
        leaf = name.rsplit(".", 1)[-1]
        wanted = (leaf,) if leaf[:1].islower() or leaf.startswith("_") else ()
    return any(op in {f"aten::{w}" for w in wanted} for op in ops)


def _leaf_operator_hit(leaf: str, ops: list[str]) -> bool:
    wanted = {f"aten::{w}" for w in OPERATORS.get(leaf, ())}
    return any(op in wanted or fnmatchcase(op, f"aten::{leaf}") for op in ops)


def _imported(name: str, imports: Iterable[str]) -> bool:
    return any(m == name or m.startswith(name + ".") for m in imports)


def runtime_hits(forbidden: Iterable[str], observations: Iterable[dict[str, Any]]) -> list[str]:
    """Forbidden names the observed run used (sorted, de-duplicated)."""
    forbidden = list(forbidden)
    calls: set[str] = set()
    imports: set[str] = set()
    ops: set[str] = set()
    for observed in observations:
        calls.update(observed.get("calls", ()))
        imports.update(observed.get("imports", ()))
        ops.update(observed.get("ops", {}))
    hits = {name for name in forbidden if name in calls or _imported(name, imports)
            or operator_hit(name, ops)}
    return sorted(hits)
