"""Sealing a process before it forks submission children: capture originals, neuter the rest.

Runs once per zygote (and once in a cold one-shot child), after everything is imported and
warmed up, before any candidate code exists. It returns the *originals* the harness needs — the
real thread starter, ``os._exit``, the profilers, the exporter's references — in a
``SimpleNamespace`` that is passed down through function arguments only (never stored in a
module), and it replaces, in every loaded module's dictionary, the entry points candidate code
must not use:

* starting threads (``_thread.start_new_thread`` and its aliases): observers are per thread, and
  a second thread could change the harness's state while it exports a result; creating fresh
  built-in modules (``_imp.create_builtin``) is refused too, since a fresh ``_thread`` would
  bring the real function back (all built-in modules are imported first, so nothing legitimate
  needs it);
* torch's frame-evaluation hooks (``torch._C._dynamo.eval_frame``: a callback there receives
  every frame, the harness's included) — so ``torch.compile`` is not available in submissions;
* stopping, pausing or replacing torch's operator profiler (``_enable_profiler*``,
  ``_disable_profiler*``, ``_toggle_collection_dynamic``, ``_enable_record_function``…);
* ``sys.getprofile``, which would hand out the harness's cProfile object (it now returns None).

It also takes the integrity snapshots (:mod:`evaluators.sandbox.integrity`) here, once: building
them touches thousands of objects, which in a forked child would copy as many memory pages.

Each replacement raises ``RuntimeError`` with a message that says what is not available.
"""

from __future__ import annotations

import _thread
import gc
import importlib
import os
import sys
import types
import warnings
from collections.abc import Callable
from typing import Any

PROFILER_CONTROLS = ("_enable_profiler", "_disable_profiler", "_prepare_profiler",
                     "_toggle_collection_dynamic", "_enable_profiler_legacy",
                     "_disable_profiler_legacy", "_enable_record_function")


def _refuser(what: str) -> Callable[..., Any]:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"{what} is not available in a submission")

    return refused


def _no_profile() -> None:
    return None


M_MMAP_THRESHOLD = -3  # glibc mallopt parameter
EXACT_MMAP_THRESHOLD = 256 << 10


def _no_op() -> None:
    return None


def _exact_memory() -> Callable[[], None]:
    """A function that makes resident memory follow what is live (glibc), for memory budgets.

    glibc raises its mmap threshold at run time, after which large blocks come from the heap,
    where small allocations made in between fragment the freed holes: a loop that frees a 2 MiB
    temporary per step then grows the resident memory by ~2 MiB per step although it never
    holds more than one, and a correct blocked solution would fail a memory budget. With a fixed
    threshold every block of 256 KiB or more is its own mapping, returned to the kernel when
    freed. Captured here (ctypes is refused in submissions); the harness calls it before a case
    with a memory budget, so only those cases pay the extra page faults. A no-op elsewhere.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt, trim = libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError):
        return _no_op

    def configure() -> None:
        mallopt(M_MMAP_THRESHOLD, EXACT_MMAP_THRESHOLD)
        trim(0)

    return configure


def _capture() -> types.SimpleNamespace:
    import _lsprof

    import torch
    from torch.autograd import ProfilerConfig, ProfilerState

    from evaluators import export
    from evaluators.sandbox import guard

    autograd = torch._C._autograd
    config = ProfilerConfig(ProfilerState.CPU, False, False, False, False, False,
                            torch._C._profiler._ExperimentalConfig())
    return types.SimpleNamespace(
        start_thread=_thread.start_new_thread, allocate_lock=_thread.allocate_lock,
        exit=os._exit, read=os.read, write=os.write, close=os.close, closerange=os.closerange,
        gc_enable=gc.enable, gc_disable=gc.disable, getframe=sys._getframe,
        addaudithook=sys.addaudithook, setrecursionlimit=sys.setrecursionlimit,
        recursionlimit=sys.getrecursionlimit(), Profiler=_lsprof.Profiler,
        enable_profiler=autograd._enable_profiler_legacy,
        disable_profiler=autograd._disable_profiler_legacy, profiler_config=config,
        record_enter=autograd._record_function_with_args_enter,
        record_exit=autograd._record_function_with_args_exit,
        function_type=types.FunctionType, type_module=type.__dict__["__module__"].__get__,
        export=export.capture(), frame_readers=guard.frame_readers(sys.modules),
        exact_memory=_exact_memory())


def _replacements() -> dict[int, tuple[Any, Callable[..., Any]]]:
    import torch

    threads = _refuser("starting a thread")
    plan: dict[int, tuple[Any, Callable[..., Any]]] = {
        id(_thread.start_new_thread): (_thread.start_new_thread, threads),
        id(_thread.start_new): (_thread.start_new, threads),
        id(sys.getprofile): (sys.getprofile, _no_profile)}
    frames = torch._C._dynamo.eval_frame
    for name, value in list(vars(frames).items()):
        if not name.startswith("__") and callable(value) and not isinstance(value, type):
            plan[id(value)] = (value, _refuser("torch.compile / frame evaluation hooks"))
    for name in PROFILER_CONTROLS:
        value = getattr(torch._C._autograd, name, None)
        if value is not None:
            plan[id(value)] = (value, _refuser("controlling torch's profiler"))
    return plan


def _replace_everywhere(plan: dict[int, tuple[Any, Callable[..., Any]]]) -> int:
    """Swap every module-dictionary reference to a planned object; returns how many."""
    swapped = 0
    for module in list(sys.modules.values()):
        space = getattr(module, "__dict__", None)
        if not isinstance(space, dict):
            continue
        for key, value in list(space.items()):
            entry = plan.get(id(value))
            if entry is not None and entry[0] is value:
                space[key] = entry[1]
                swapped += 1
    return swapped


def _undo_lazy_dynamo() -> int:
    """Make every ``torch._disable_dynamo``-wrapped function call its original directly.

    Such a wrapper (``torch.manual_seed``, ``Optimizer.zero_grad``…) would otherwise call
    ``set_eval_frame(None)`` on every call, which is refused in submissions. Disabling dynamo is
    a no-op when nothing is being compiled, so the wrapper's cache is pointed at the original.
    """
    import torch._compile

    inner = torch._compile._disable_dynamo(_no_profile).__code__
    where = inner.co_freevars.index("fn")
    fixed = 0
    for module in list(sys.modules.values()):
        space = getattr(module, "__dict__", None)
        if not isinstance(space, dict):
            continue
        values = list(space.values())
        for cls in [v for v in values if isinstance(v, type)]:
            values += [getattr(v, "__func__", v) for v in list(vars(cls).values())]
        for value in values:
            if isinstance(value, types.FunctionType) and value.__code__ is inner:
                original = value.__closure__[where].cell_contents  # type: ignore[index]
                original.__dynamo_disable = original
                fixed += 1
    return fixed


def _preload_builtins() -> None:
    for name in sys.builtin_module_names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except ImportError:
                continue


def seal() -> types.SimpleNamespace:
    """Capture the originals, then neuter the entry points (see the module doc)."""
    with warnings.catch_warnings():  # scanning touches deprecated module attributes
        warnings.simplefilter("ignore")
        return _seal()


def _seal() -> types.SimpleNamespace:
    _preload_builtins()
    originals = _capture()
    _undo_lazy_dynamo()
    _replace_everywhere(_replacements())
    import _imp

    _imp.create_builtin = _refuser("creating a built-in module again")
    from evaluators import harness
    from evaluators.sandbox import integrity

    originals.private = harness.private_namespace()  # unreachable: only children's stacks
    # taken after the replacements, inherited by every child without copying a page
    drivers = [name for name in sys.modules if name.startswith("evaluators.drivers.")]
    originals.light = {name: integrity.snapshot(full=False, driver=name) for name in drivers}
    originals.full = integrity.snapshot(full=True)
    return originals
