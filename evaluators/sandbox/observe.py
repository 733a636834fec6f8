"""Watching what candidate code actually executes: library functions and torch operators.

The static check reads the source; this module sees what *ran*, whatever route reached it
(``getattr`` with built strings, ``importlib``, ``eval``, ``torch._C._VariableFunctions``,
``torch.ops.aten``, TorchScript, autograd reached indirectly). Around every call into candidate
code the harness runs two observers, both on the harness thread (the only thread candidate code
can use — creating threads is refused):

* **cProfile** (C-level, Python functions only): every Python function executed, identified by
  its code object. Forbidden names that resolve to Python functions, classes (all their methods)
  or modules (every function defined under their file or package) are matched against it, here
  in the child, so only the *names* hit cross the boundary. It cannot be switched off from the
  candidate's code: ``sys.setprofile`` is refused by the audit hook and ``sys.getprofile`` no
  longer hands out the profiler object (see :mod:`evaluators.sandbox.seal`).
* **torch's operator profiler** (the legacy RecordFunction profiler, C++): the name of every
  aten operator and autograd node executed, with its count. Only records of real operators
  (function, backward and TorchScript scopes) are counted — user ``record_function`` scopes can
  carry any name and are ignored. A secret marker recorded when it starts proves at the end that
  the same session ran throughout; the entry points that stop, pause or replace a profiler are
  neutered in the zygote. The trusted side maps forbidden names to operators
  (:mod:`evaluators.forbidden`) and uses the counts for structural checks (e.g. two
  convolutions executed in ``forward``).

Modules imported while candidate code ran are reported too (the audit hook records them).
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

from evaluators.sandbox.private import rebind

OPERATOR_SCOPES = (0, 1, 2)  # RecordScope FUNCTION, BACKWARD_FUNCTION, TORCHSCRIPT_FUNCTION


def _lookup(name: str) -> Any:
    """The object a dotted name denotes among *loaded* modules (never imports), else None."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        obj: Any = module
        for attr in parts[cut:]:
            space = getattr(obj, "__dict__", None)
            if not isinstance(space, (dict, types.MappingProxyType)) or attr not in space:
                return None
            obj = space[attr]
        return obj
    return None


def _codes_of(obj: Any) -> Iterable[Any]:
    """Code objects behind a function, method wrapper or class (all its methods)."""
    if isinstance(obj, type):
        for value in list(vars(obj).values()):
            yield from _codes_of(getattr(value, "__func__", value))
            if isinstance(value, property):
                for accessor in (value.fget, value.fset, value.fdel):
                    yield from _codes_of(accessor)
        return
    seen = 0
    while obj is not None and seen < 8:
        code = getattr(obj, "__code__", None)
        if isinstance(code, types.CodeType):
            yield code
        obj = getattr(obj, "__wrapped__", None)
        seen += 1


def resolve(names: Iterable[str]) -> tuple[dict[Any, str], tuple[tuple[str, str], ...]]:
    """``(codes, prefixes)``: code object -> forbidden name, and (file prefix, name) pairs."""
    codes: dict[Any, str] = {}
    prefixes: list[tuple[str, str]] = []
    for name in names:
        obj = _lookup(name)
        if isinstance(obj, types.ModuleType):
            filename = getattr(obj, "__file__", None)
            if filename:
                is_package = os.path.basename(filename).startswith("__init__.")
                prefixes.append((os.path.dirname(filename) + os.sep if is_package
                                 else filename, name))
        elif obj is not None:
            for code in _codes_of(obj):
                codes.setdefault(code, name)
    return codes, tuple(prefixes)


def _stop(profile: Any, disable: Callable[[], Any], secret: str, codes: dict[Any, str],
          prefixes: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Stop both observers; what ran (runs with private globals, after candidate code)."""
    profile.disable()
    tampered = None
    counts: dict[str, int] = {}
    try:
        threads = disable()
    except RuntimeError:
        threads = []
        tampered = "the submission stopped the operator profiler"
    marked = False
    for events in threads:
        for event in events:
            if event.kind() != "push":
                continue
            name = event.name()
            if name == secret:
                marked = True
            elif event.scope() in OPERATOR_SCOPES:
                counts[name] = counts.get(name, 0) + 1
    if tampered is None and not marked:
        tampered = "the submission replaced the operator profiler"
    hits = set()
    for entry in profile.getstats():
        code = entry.code
        if type(code) is str:
            continue
        hit = codes.get(code)
        if hit is None:
            filename = code.co_filename
            hit = next((n for prefix, n in prefixes if filename.startswith(prefix)), None)
        if hit is not None:
            hits.add(hit)
    profile.clear()
    return {"ops": counts, "calls": sorted(hits), "tampered": tampered}


def make(originals: Any, codes: dict[Any, str],
         prefixes: tuple[tuple[str, str], ...]) -> tuple[Callable[[], None], Callable[[], dict]]:
    """``(start, stop)`` for one run; ``originals`` is :func:`evaluators.sandbox.seal.seal`'s."""
    profile = originals.Profiler(builtins=False)
    enable, disable = originals.enable_profiler, originals.disable_profiler
    config = originals.profiler_config
    enter, leave = originals.record_enter, originals.record_exit
    secret = "kaoda-marker-" + os.urandom(12).hex()

    def start() -> None:
        enable(config)
        leave(enter(secret))
        profile.enable()

    def stop() -> dict[str, Any]:
        return finish(profile, disable, secret, codes, prefixes)

    finish = rebind(_stop, OPERATOR_SCOPES=OPERATOR_SCOPES)
    return rebind(start), rebind(stop)
