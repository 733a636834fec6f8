"""Forbidden names against what a run executed, and time budgets on measured clocks."""

from __future__ import annotations

import pytest

from evaluators import budget
from evaluators.forbidden import operator_hit, runtime_hits
from evaluators.problem import Case, CaseFailure, MemoryBudget, TimeBudget
from evaluators.sandbox.observe import _builtin_hit, resolve


@pytest.mark.parametrize("name,ops,hit", [
    ("torch.nn.functional.layer_norm", ["aten::native_layer_norm"], True),
    ("torch.nn.functional.cross_entropy", ["aten::log_softmax", "aten::nll_loss"], False),
    ("torch.nn.functional.cross_entropy", ["aten::cross_entropy_loss"], True),
    ("torch.nn.Conv2d", ["aten::_convolution"], True),
    ("torch.conv2d", ["aten::im2col", "aten::mm"], False),
    ("torch.autograd", ["autograd::engine::evaluate_function: MulBackward0"], True),
    ("torch.autograd", ["aten::mul"], False),
    ("torch.linalg", ["aten::linalg_solve"], True),
    ("torch.from_numpy", ["aten::add"], True),
    ("torch.ops.torchvision", ["torchvision::nms"], True),
    ("sklearn", ["aten::cdist"], False),
    ("torch", ["aten::div"], True),  # the whole library, for numpy-only problems
    ("torch", [], False),
    ("*.rms_norm", ["aten::rms_norm"], True),
    ("*.RMSNorm", ["aten::_fused_rms_norm"], True),
    ("*.rms_norm", ["aten::pow", "aten::mean", "aten::rsqrt"], False),
    ("*._scaled_dot_product_*", ["aten::_scaled_dot_product_flash_attention_for_cpu"], True),
    ("*.scaled_dot_product_attention", ["aten::_scaled_dot_product_attention_math"], True),
    ("*.unfold", ["aten::im2col"], True),
    ("*.cross_entropy", ["aten::log_softmax", "aten::nll_loss"], False),
])
def test_operator_mapping(name: str, ops: list[str], hit: bool) -> None:
    assert operator_hit(name, ops) is hit


def test_runtime_hits_combine_calls_imports_and_operators() -> None:
    observed = [{"calls": ["torch.nn.MultiheadAttention"], "imports": ["sklearn.cluster"],
                 "ops": {"aten::cdist": 2}}, {"ops": {}, "calls": [], "imports": []}]
    names = ("torch.nn.MultiheadAttention", "sklearn", "torch.cdist", "scipy.spatial")
    assert runtime_hits(names, observed) == ["sklearn", "torch.cdist",
                                             "torch.nn.MultiheadAttention"]


def _case() -> Case:
    return Case("big", {}, lambda outputs: None, budget=TimeBudget("work", 0.05, "be faster"))


def test_budget_passes_within_cpu_and_wall() -> None:
    budget.check(_case(), {"cpu_ms": 900.0, "wall_ms": 1500.0}, ref_s=0.04)  # 20 x 0.05 s


@pytest.mark.parametrize("measured,why", [({"cpu_ms": 1100.0, "wall_ms": 1200.0}, "of CPU"),
                                          ({"cpu_ms": 10.0, "wall_ms": 2100.0}, "sleeping"),
                                          (None, "could not measure")])
def test_budget_fails_on_cpu_or_wall(measured: dict | None, why: str) -> None:
    with pytest.raises(CaseFailure, match=why):
        budget.check(_case(), measured, ref_s=0.04)


def _memory_case() -> Case:
    return Case("big", {}, lambda outputs: None,
                memory=MemoryBudget("work", 128 << 20, "use less"))


def test_memory_budget_is_peak_minus_just_before() -> None:
    budget.check_memory(_memory_case(), {"peak_rss_kb": 300_000, "start_rss_kb": 250_000},
                        ref_start_kb=249_000)
    with pytest.raises(CaseFailure, match="used 244 MiB of extra memory"):
        budget.check_memory(_memory_case(), {"peak_rss_kb": 500_000, "start_rss_kb": 250_000},
                            ref_start_kb=249_000)


def test_memory_held_before_the_call_counts_beyond_the_reference() -> None:
    held = {"peak_rss_kb": 520_000, "start_rss_kb": 510_000}  # 256 MiB allocated in advance
    assert budget.peak_extra_kb(held, None) == 10_000
    with pytest.raises(CaseFailure, match="already held before the call"):
        budget.check_memory(_memory_case(), held, ref_start_kb=250_000)


def test_unmeasured_memory_fails() -> None:
    with pytest.raises(CaseFailure, match="could not measure"):
        budget.check_memory(_memory_case(), {"peak_rss_kb": None, "start_rss_kb": 1}, None)


@pytest.mark.parametrize("label,forbidden", [
    ("<built-in method torch._C._nn.scaled_dot_product_attention>", True),
    ("<built-in method torch._ops.aten._scaled_dot_product_flash_attention_for_cpu>", True),
    ("<built-in method torch._ops.aten._scaled_dot_product_fused_whatever>", True),  # pattern
    ("<method 'exp' of 'torch._C.TensorBase' objects>", False),
    ("<built-in method builtins.getattr>", False),
])
def test_c_functions_are_matched_by_their_last_name(label: str, forbidden: bool) -> None:
    _, _, patterns, names = resolve(["*.scaled_dot_product_attention",
                                     "*._scaled_dot_product_*"])
    assert (_builtin_hit(label, patterns, names) is not None) is forbidden
