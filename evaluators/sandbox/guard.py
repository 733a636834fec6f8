"""The audit hook that closes Python-level introspection routes while candidate code runs.

Python is not a security boundary inside one process: with a frame object, code walks ``f_back``
up to the harness and reads its locals; with ``gc.get_referrers`` it finds any object; with
``ctypes`` it rewrites memory; with ``sys.settrace`` it runs on every line of the harness. Every
one of those routes raises an *audit event* first (PEP 578), and an audit hook cannot be removed
once added — so the harness installs this one before the submission's module is executed and
*arms* it around every call into candidate code. Armed, it refuses (``RuntimeError``):

* frames: ``sys._getframe`` (except from a few standard-library callers that only read the
  caller's module name: ``collections.namedtuple``, ``typing``, ``enum``…, whose code objects are
  identified exactly), ``sys._current_frames``/``_current_exceptions``, and reading
  ``tb_frame``/``gi_frame``/``cr_frame``/``ag_frame``;
* heap walks: ``gc.get_objects``/``get_referrers``/``get_referents``;
* tracing and profiling hooks (``sys.settrace``/``setprofile``, so also a second cProfile),
  more audit hooks, an ``open_code`` hook;
* native access: every ``ctypes`` event (loading libraries, calling functions, raw addresses),
  and importing ``_testcapi``/``_testinternalcapi``/``_xxsubinterpreters``-style modules;
* rebinding the internals of objects the candidate did not create: ``__code__``/``__defaults__``/
  ``__kwdefaults__`` of functions, ``__class__`` of objects, ``__bases__`` of classes
  (code objects themselves cannot be built: ``code.__new__``/``code.replace`` are refused).

Imports are recorded (the runtime forbidden-API check uses them). Disarmed — in the harness's
own trusted phases — everything is allowed except adding another audit hook.

The hook and its state are closures whose globals are a private copy (see
:func:`evaluators.sandbox.private.rebind`), so replacing a builtin or a module attribute does not
change what the hook does.
"""

from __future__ import annotations

import types
from typing import Any

SOLUTION = "solution.py"
FRAME_ATTRIBUTES = frozenset({"tb_frame", "gi_frame", "cr_frame", "ag_frame"})
GUARDED_ATTRIBUTES = frozenset({"__code__", "__defaults__", "__kwdefaults__", "__class__",
                                "__bases__", "__globals__", "__closure__"})
DENIED_EVENTS = frozenset({"sys._current_frames", "sys._current_exceptions", "sys.settrace",
                           "sys.setprofile", "gc.get_objects", "gc.get_referrers",
                           "gc.get_referents", "code.__new__", "setopencodehook",
                           "cpython._PySys_ClearAuditHooks"})
DENIED_MODULES = frozenset({"_testcapi", "_testinternalcapi", "_testbuffer", "_testmultiphase",
                            "_testimportmultiple", "_testsinglephase", "_xxsubinterpreters",
                            "_xxinterpchannels", "_xxtestfuzz", "_lsprof"})
# (module file ending, function name) of standard-library code that calls sys._getframe only to
# read the caller's module name or to format the stack as text, never handing a frame to its
# caller (torch.manual_seed formats the stack for CUDA's lazy initialisation, for instance).
FRAME_READERS = (("collections/__init__.py", "namedtuple"), ("typing.py", "_caller"),
                 ("traceback.py", "format_stack"), ("traceback.py", "extract_stack"),
                 ("traceback.py", "print_stack"),
                 ("enum.py", "_create_"), ("enum.py", "_convert_"), ("enum.py", "__call__"),
                 ("logging/__init__.py", "findCaller"), ("warnings.py", "_next_external_frame"),
                 ("warnings.py", "warn"), ("dataclasses.py", "_create_fn"),
                 ("typing_extensions.py", "_has_generic_or_protocol_as_origin"),
                 ("typing_extensions.py", "_caller"))


def frame_readers(modules: dict[str, Any]) -> frozenset[Any]:
    """The code objects of :data:`FRAME_READERS` among the loaded modules (resolved once)."""
    found = set()
    for module in list(modules.values()):
        filename = getattr(module, "__file__", None) or ""
        for ending, name in FRAME_READERS:
            if not filename.endswith(ending):
                continue
            for value in list(vars(module).values()):
                for candidate in (value, *getattr(value, "__dict__", {}).values()):
                    code = getattr(candidate, "__code__", None)
                    if isinstance(code, types.CodeType) and code.co_name == name:
                        found.add(code)
    return frozenset(found)


def build(getframe: Any, readers: frozenset[Any], imported: list[str],
          function_type: type, type_module: Any) -> tuple[Any, Any, Any]:
    """``(hook, arm, disarm)``; ``imported`` collects the modules imported while armed.

    Call through :func:`evaluators.sandbox.private.rebind` so the closures see private globals.
    The hook never calls anything the candidate defined (no ``getattr`` on its objects: types
    are compared exactly and ``__module__`` is read with ``type.__dict__['__module__']``).
    """
    armed = [False]
    busy = [False]

    def deny(what: str) -> None:
        raise RuntimeError(f"{what} is not allowed in a submission (the sandbox refused it)")

    def owned(target: Any) -> bool:
        if type(target) is function_type:
            return bool(target.__code__.co_filename == SOLUTION)  # type: ignore[attr-defined]
        cls = target if isinstance(target, type) else type(target)
        return type_module(cls) == "solution"

    def check(event: str, args: tuple[Any, ...]) -> None:
        if event in DENIED_EVENTS:
            deny(event)
        elif event == "sys._getframe":
            code = getframe(2).f_code  # 0: this function, 1: the hook, 2: the caller
            if code not in readers:
                where = code.co_filename.rsplit("site-packages/", 1)[-1]
                deny(f"sys._getframe (inspecting the call stack, from {where}:{code.co_name})")
        elif event == "object.__getattr__":
            if args[1] in FRAME_ATTRIBUTES:
                deny(f"reading `{args[1]}` (inspecting the call stack)")
        elif event in ("object.__setattr__", "object.__delattr__"):
            if args[1] in GUARDED_ATTRIBUTES and not owned(args[0]):
                deny(f"changing `{args[1]}` of an object the submission did not create")
        elif event == "import":
            name = str(args[0])
            if name.split(".")[0] in DENIED_MODULES:
                deny(f"importing {name}")
            imported.append(name)
        elif event.startswith("ctypes."):
            deny(f"ctypes ({event})")

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "sys.addaudithook":
            deny("adding an audit hook")
        if not armed[0] or busy[0]:
            return
        busy[0] = True
        try:
            check(event, args)
        finally:
            busy[0] = False

    def arm() -> None:
        armed[0] = True

    def disarm() -> None:
        armed[0] = False

    return hook, arm, disarm
