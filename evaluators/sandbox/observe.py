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
  longer hands out the profiler object (see :mod:`evaluators.sandbox.seal`). A forbidden name
  written ``*.leaf`` (``*.rms_norm``, ``*._scaled_dot_product_*``: "this name, in any module")
  matches any executed function outside the submission and the harness whose name, or a part
  of whose qualified name (``RMSNorm.forward``), matches ``leaf`` — the patterns are compiled
  before any candidate code runs.
* **torch's operator profiler** (the legacy RecordFunction profiler, C++): the name of every
  aten operator and autograd node executed, with its count. Only records of real operators
  (function, backward and TorchScript scopes) are counted — user ``record_function`` scopes can
  carry any name and are ignored. A secret marker recorded when it starts proves at the end that
  the same session ran throughout; the entry points that stop, pause or replace a profiler are
  neutered in the zygote. The trusted side maps forbidden names to operators
  (:mod:`evaluators.forbidden`) and uses the counts for structural checks (e.g. two
  convolutions executed in ``forward``).

Modules imported while candidate code ran are reported too (the audit hook records them).

**Memory-budgeted cases** run without the operator profiler: it stores every operator event
(about 1 kB each; a correct tiled FlashAttention issues ~10⁶ operators), which would count as
the submission's memory and can exhaust its address space. There cProfile also records C
functions (``builtins=True``: one aggregated entry per function, so its memory is bounded), and
a forbidden name is matched against the C functions called — ``torch._C._nn.
scaled_dot_product_attention``, ``torch._ops.aten._scaled_dot_product_flash_attention_for_cpu``
— by their last name, which catches the C-level routes the Python observer alone would miss
(:func:`make` with ``operators=False``).
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

from evaluators.forbidden import OPERATORS
from evaluators.sandbox.private import rebind

OPERATOR_SCOPES = (0, 1, 2)  # RecordScope FUNCTION, BACKWARD_FUNCTION, TORCHSCRIPT_FUNCTION
ANY_MODULE = "*."  # a forbidden name matched by its last part, in any module
SOLUTION = "solution.py"
HARNESS = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep  # evaluators/
Patterns = tuple[tuple[Any, str], ...]
# "<built-in method torch._C._nn.scaled_dot_product_attention>", "<method 'unfold' of ...>"
BUILTIN_NAME = re.compile(r"<(?:built-in method|built-in function|method) '?([\w.]+)")


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


def _builtin_names(name: str, obj: Any) -> dict[str, str]:
    """C-function names that mean ``name`` (its own last name, and the operators only it
    issues), for the builtin-aware observation of memory-budgeted cases."""
    leaf = name.rsplit(".", 1)[-1]
    found = {op: name for op in OPERATORS.get(leaf, ())}
    if obj is not None and not isinstance(obj, types.ModuleType):
        found[leaf] = name
    return found


def resolve(names: Iterable[str]) -> tuple[dict[Any, str], tuple[tuple[str, str], ...],
                                          Patterns, dict[str, str]]:
    """``(codes, prefixes, patterns, builtins)``: code object -> forbidden name, (file prefix,
    name) pairs, (compiled pattern, name) pairs for ``*.leaf`` names, and C-function name ->
    forbidden name."""
    codes: dict[Any, str] = {}
    prefixes: list[tuple[str, str]] = []
    patterns: list[tuple[Any, str]] = []
    builtin_names: dict[str, str] = {}
    for name in names:
        if name.startswith(ANY_MODULE):
            patterns.append((re.compile(fnmatch.translate(name[len(ANY_MODULE):])), name))
            builtin_names.update(_builtin_names(name, None))
            continue
        obj = _lookup(name)
        builtin_names.update(_builtin_names(name, obj))
        if isinstance(obj, types.ModuleType):
            filename = getattr(obj, "__file__", None)
            if filename:
                is_package = os.path.basename(filename).startswith("__init__.")
                prefixes.append((os.path.dirname(filename) + os.sep if is_package
                                 else filename, name))
        elif obj is not None:
            for code in _codes_of(obj):
                codes.setdefault(code, name)
    return codes, tuple(prefixes), tuple(patterns), builtin_names


def _builtin_hit(label: str, patterns: Patterns, builtin_names: dict[str, str]) -> str | None:
    """The forbidden name a C function's profiler label (``<built-in method torch.x>``) means."""
    found = BUILTIN_NAME.match(label)
    if found is None:
        return None
    leaf = found.group(1).rsplit(".", 1)[-1]
    hit = builtin_names.get(leaf)
    if hit is None:
        hit = next((name for pattern, name in patterns if pattern.match(leaf) is not None), None)
    return hit


def _pattern_hit(code: Any, patterns: Patterns) -> str | None:
    """The ``*.leaf`` name an executed code object matches (never the submission's or ours)."""
    filename = code.co_filename
    if filename == SOLUTION or filename.startswith(HARNESS):
        return None
    parts = code.co_qualname.split(".")
    for pattern, name in patterns:
        if pattern.match(code.co_name) is not None:
            return name
        for part in parts:
            if pattern.match(part) is not None:
                return name
    return None


# what _stop calls (rebound to private copies in make())
pattern_hit, builtin_hit = _pattern_hit, _builtin_hit


def _stop(profile: Any, disable: Callable[[], Any] | None, secret: str, codes: dict[Any, str],
          prefixes: tuple[tuple[str, str], ...], patterns: Patterns,
          builtin_names: dict[str, str]) -> dict[str, Any]:
    """Stop both observers; what ran (runs with private globals, after candidate code).

    ``disable`` is None when the operator profiler did not run (memory-budgeted cases)."""
    profile.disable()
    tampered = None
    counts: dict[str, int] = {}
    threads: Any = []
    if disable is not None:
        try:
            threads = disable()
        except RuntimeError:
            tampered = "the submission stopped the operator profiler"
    marked = disable is None
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
            hit = builtin_hit(code, patterns, builtin_names) if disable is None else None
            if hit is not None:
                hits.add(hit)
            continue
        hit = codes.get(code)
        if hit is None:
            filename = code.co_filename
            hit = next((n for prefix, n in prefixes if filename.startswith(prefix)), None)
        if hit is None and patterns:
            hit = pattern_hit(code, patterns)
        if hit is not None:
            hits.add(hit)
    profile.clear()
    return {"ops": counts, "calls": sorted(hits), "tampered": tampered}


def make(originals: Any, codes: dict[Any, str], prefixes: tuple[tuple[str, str], ...],
         patterns: Patterns = (), builtin_names: dict[str, str] | None = None,
         operators: bool = True) -> tuple[Callable[[], None], Callable[[], dict]]:
    """``(start, stop)`` for one run; ``originals`` is :func:`evaluators.sandbox.seal.seal`'s.

    ``operators=False``: no operator profiler, C functions recorded by cProfile instead (see the
    module doc on memory-budgeted cases)."""
    profile = originals.Profiler(builtins=not operators)
    enable, disable = originals.enable_profiler, originals.disable_profiler
    config = originals.profiler_config
    enter, leave = originals.record_enter, originals.record_exit
    secret = "kaoda-marker-" + os.urandom(12).hex()
    names = dict(builtin_names or {})

    def start() -> None:
        enable(config)
        leave(enter(secret))
        profile.enable()

    def start_python_only() -> None:
        profile.enable()

    def stop() -> dict[str, Any]:
        return finish(profile, disable if operators else None, secret, codes, prefixes,
                      patterns, names)

    matcher = rebind(_pattern_hit, SOLUTION=SOLUTION, HARNESS=HARNESS)
    labels = rebind(_builtin_hit, BUILTIN_NAME=BUILTIN_NAME)
    finish = rebind(_stop, OPERATOR_SCOPES=OPERATOR_SCOPES, pattern_hit=matcher,
                    builtin_hit=labels)
    return rebind(start if operators else start_python_only), rebind(stop)
