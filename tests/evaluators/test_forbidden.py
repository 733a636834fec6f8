"""Forbidden names against what a run executed, and time budgets on measured clocks."""

from __future__ import annotations

import pytest

from evaluators import budget
from evaluators.forbidden import operator_hit, runtime_hits
from evaluators.problem import Case, CaseFailure, TimeBudget


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
