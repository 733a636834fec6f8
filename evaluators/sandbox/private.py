"""Functions that keep working the same way whatever the candidate's code rebinds.

A function looks up every global and builtin name at call time in its module's dictionary, which
the candidate can reach (``sys.modules``) and change (``builtins.len = ...``). The few functions
that run *at the boundary* with candidate code — the audit hook, the integrity check, the
observer's start/stop, the emitter — are rebuilt with :func:`rebind` so that their globals are a
private dictionary: a snapshot of the builtins taken before any candidate code existed, plus the
exact objects they need. Nothing reachable from the candidate's code refers to that dictionary
(the rebuilt functions live only on the harness thread's stack).
"""

from __future__ import annotations

import builtins
import types
from collections.abc import Callable
from typing import Any

BUILTINS: dict[str, Any] = dict(vars(builtins))  # taken at import, in the zygote


def rebind(func: Callable[..., Any], **names: Any) -> Callable[..., Any]:
    """A copy of ``func`` whose globals are the builtins snapshot plus ``names``."""
    namespace = {"__builtins__": BUILTINS, "__name__": "kaoda-private", **names}
    assert isinstance(func, types.FunctionType)
    return types.FunctionType(func.__code__, namespace, func.__code__.co_name, func.__defaults__,
                              func.__closure__)


def module_names(module: types.ModuleType) -> dict[str, Any]:
    """The public-and-private globals of ``module`` (to pass on to :func:`rebind`)."""
    return {k: v for k, v in vars(module).items() if not k.startswith("__")}
