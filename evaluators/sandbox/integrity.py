"""Detecting that candidate code rebound what the harness relies on.

Before the submission's module runs, the harness snapshots *protected namespaces*: for the
*light* check, ``builtins`` and the problem's driver with every ``evaluators`` module it draws on
(and the classes they define); for the *full* check, every ``evaluators`` module plus ``numpy``,
``torch`` and the torch classes drivers use (``Tensor``, ``nn.Module``, ``Parameter``,
``Optimizer``…) — and the ``sys.modules`` entries of all of them. The snapshots are taken in
the zygote (:mod:`evaluators.sandbox.seal`): children inherit them for free. :func:`make_verifier` returns a check that every snapshotted key still maps to the
*identical* object (compared with ``is``, never ``==``, which would call the candidate's
``__eq__``), in the same order; new keys are allowed in modules (lazy imports add them), not in
classes. It also checks that no other thread exists and that no torch-function or
torch-dispatch mode was left active.

The light check runs after the module is loaded and before the final record; the full one
before a driver prepares inputs outside a candidate phase (budget cases). After every call
into candidate code, only the cheap part runs (threads, modes): the harness's own trusted code
runs from private copies (:mod:`evaluators.harness`) and does not depend on these namespaces. A failure is reported as tampering: the run's grade is an error, never a pass.
"""

from __future__ import annotations

import itertools
import operator
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

from evaluators.sandbox.private import rebind

is_, islice = operator.is_, itertools.islice  # what _verify uses (given again, privately)

LIGHT_MODULES = ("builtins",)
FULL_MODULES = ("numpy", "numpy.random", "torch", "torch.nn", "torch.nn.functional",
                "torch.nn.modules.module", "torch.optim", "torch.optim.optimizer",
                "torch.optim.adam", "torch.optim.sgd", "torch.autograd", "torch._tensor",
                "torch.nn.parameter", "torch.nn.init")


def _full_classes() -> list[type]:
    import json

    import torch

    return [torch.Tensor, torch.nn.Module, torch.nn.Parameter, torch.optim.Optimizer,
            torch.optim.Adam, torch.optim.SGD, json.JSONEncoder, json.JSONDecoder]


def _evaluators_modules() -> list[str]:
    return sorted(name for name in sys.modules if name == "evaluators"
                  or name.startswith("evaluators."))


def _entries(namespaces: Iterable[tuple[str, Any, bool]]) -> list[tuple[Any, ...]]:
    """``(label, mapping, length, keys, values, exact)`` snapshots."""
    return [(label, mapping, len(mapping), tuple(mapping), tuple(mapping.values()), exact)
            for label, mapping, exact in namespaces]


def driver_modules(driver: str) -> list[str]:
    """``driver`` and the ``evaluators`` modules its globals come from (transitively)."""
    found, todo = set(), [driver]
    while todo:
        name = todo.pop()
        if name in found or name not in sys.modules:
            continue
        found.add(name)
        for value in vars(sys.modules[name]).values():
            source = value.__name__ if isinstance(value, types.ModuleType) else \
                getattr(value, "__module__", None)
            if isinstance(source, str) and source.startswith("evaluators."):
                todo.append(source)
    return sorted(found)


def snapshot(full: bool, driver: str | None = None) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """The namespaces to watch and the ``sys.modules`` entries they come from.

    Light (``full=False``): builtins and ``driver``'s modules; full: every evaluators module,
    numpy and torch.
    """
    ours = _evaluators_modules() if full else driver_modules(driver or "")
    names = [*LIGHT_MODULES, *ours, *(FULL_MODULES if full else ())]
    modules = {n: sys.modules[n] for n in names if n in sys.modules}
    spaces: list[tuple[str, Any, bool]] = [(n, vars(m), False) for n, m in modules.items()]
    classes = _full_classes() if full else []
    for module in modules.values():
        if module.__name__.startswith("evaluators"):
            classes += [v for v in vars(module).values()
                        if isinstance(v, type) and v.__module__ == module.__name__]
    spaces += [(f"class {c.__module__}.{c.__qualname__}", vars(c), True) for c in classes]
    return _entries(spaces), modules


def _verify(entries: list[tuple[Any, ...]], modules: dict[str, Any], sys_modules: dict,
            thread_count: Callable[[], int], threads: int,
            mode_depths: Callable[[], tuple[int, int]]) -> str | None:
    """The first sign of tampering, or ``None`` (runs with private globals: see below)."""
    for name, module in modules.items():
        if sys_modules.get(name) is not module:
            return f"the module {name} was replaced or removed from sys.modules"
    for label, mapping, length, keys, values, exact in entries:
        size = len(mapping)
        if size < length or (exact and size != length):
            return f"names were removed from or added to {label}"
        if not all(map(is_, islice(mapping, length), keys)):
            return f"names in {label} were removed or reordered"
        if not all(map(is_, islice(mapping.values(), length), values)):
            changed = next((k for k, v, old in zip(keys, mapping.values(), values, strict=False)
                            if v is not old), "?")
            return f"{label}.{changed} was replaced"
    if thread_count() != threads:
        return "the submission started a thread"
    if mode_depths() != (0, 0):
        return "the submission left a torch function/dispatch mode active"
    return None


def make_verifier(snapshot_: tuple[list[tuple[Any, ...]], dict[str, Any]], threads: int = 1
                  ) -> Callable[[], str | None]:
    """A tamper check over ``snapshot_`` (from :func:`snapshot`, taken in the zygote before any
    candidate code existed; children inherit it without paying for it). ``threads``: how many
    threads ``_thread`` may count (the harness thread)."""
    import _thread

    import torch

    entries, modules = snapshot_

    function_depth = torch._C._len_torch_function_stack  # C functions: nothing to rebind
    dispatch_depth = torch._C._len_torch_dispatch_stack

    def depths() -> tuple[int, int]:
        return (function_depth(), dispatch_depth())
    verify = rebind(_verify, is_=operator.is_, islice=itertools.islice)
    count = _thread._count
    sys_modules = sys.modules

    depths = rebind(depths)

    def check() -> str | None:
        return verify(entries, modules, sys_modules, count, threads, depths)

    return rebind(check)
