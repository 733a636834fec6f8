"""What a driver reads from candidate objects cannot be told by the candidate's own code."""

from __future__ import annotations

import torch
from torch.overrides import TorchFunctionMode

from evaluators.driver_api import registered_tensors, rows_of, shape_of


class Liar(torch.nn.Module):
    """Trainable base, but its own methods say only the adapter trains."""

    def __init__(self) -> None:
        super().__init__()
        self.base = torch.nn.Linear(3, 2)
        self.adapter = torch.nn.Parameter(torch.ones(2, 3))
        self.register_buffer("counter", torch.zeros(1))

    def named_parameters(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        yield "adapter", self.adapter

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if name == "base":
            return torch.nn.Linear(3, 2).requires_grad_(False)
        return super().__getattr__(name)


def test_registered_tensors_come_from_the_registries() -> None:
    module = Liar()
    found = registered_tensors(module, buffers=False)
    assert sorted(found) == ["adapter", "base.bias", "base.weight"]
    assert found["base.weight"].requires_grad  # the truth, not what the methods say
    assert "counter" in registered_tensors(module)
    assert registered_tensors(object()) == {}


class Lazy(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        return torch.zeros(2, 2)


def test_rows_and_shape_only_from_a_plain_tensor() -> None:
    plain = torch.arange(24.0).reshape(1, 2, 3, 4)
    assert shape_of(plain) == [1, 2, 3, 4]
    assert rows_of(plain, (0, 1), [0, 2]).tolist() == [[12, 13, 14, 15], [20, 21, 22, 23]]
    lazy = torch.Tensor._make_subclass(Lazy, plain)
    assert shape_of(lazy) is None and rows_of(lazy, (0, 1), [0]) is lazy


class Faking(TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        return torch.full((2, 4), 7.0)


def test_a_torch_function_mode_cannot_answer_for_the_rows() -> None:
    plain = torch.arange(24.0).reshape(1, 2, 3, 4)
    with Faking():
        rows = rows_of(plain, (0, 1), [0, 2])
    assert rows.tolist() == [[12, 13, 14, 15], [20, 21, 22, 23]]
