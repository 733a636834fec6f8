"""Running untrusted submissions: pick a backend with :func:`create_sandbox`.

* ``"pool"`` — :class:`~evaluators.sandbox.pool.WarmPool`: pre-forked zygotes with namespaces,
  an allow-list root, a per-slot uid, a seccomp filter and rlimits; cases streamed and answered
  with authenticated records; tens of milliseconds per submission. The default.
* ``"subprocess"`` — :class:`~evaluators.sandbox.subprocess_runner.SubprocessSandbox`: a fresh
  interpreter per submission with rlimits only (~2 s each); the baseline and the fallback.

Both implement :class:`~evaluators.sandbox.base.Sandbox`; ``describe()`` says which protection
layers are really in force.
"""

from __future__ import annotations

from typing import Any, Literal

from evaluators.sandbox.base import (
    Sandbox,
    SandboxError,
    SandboxRequest,
    SandboxResponse,
    SandboxUnavailableError,
)

__all__ = ["Sandbox", "SandboxError", "SandboxRequest", "SandboxResponse",
           "SandboxUnavailableError", "create_sandbox"]


def create_sandbox(kind: Literal["pool", "subprocess"] = "pool", workers: int | None = None,
                   **limits: Any) -> Sandbox:
    """Start a sandbox backend.

    ``limits`` go to :class:`~evaluators.sandbox.pool.WarmPool` (``tmpfs_mb``, ``nproc``,
    ``nofile``, ``fsize_mb``, ``output_cap``, ``uid_base``, ``hidden_paths``, ``disable``,
    ``allow_unisolated``, ``start_timeout_s``; ``hidden_paths`` are roots that must never be
    bound into the sandbox's allow-list, e.g. the service's home). Raises
    :class:`SandboxUnavailableError` when the backend cannot start with any isolation.
    """
    if kind == "pool":
        from evaluators.sandbox.pool import WarmPool

        return WarmPool(workers=workers, **limits)
    if kind == "subprocess":
        from evaluators.sandbox.subprocess_runner import SubprocessSandbox

        if limits:
            raise TypeError(f"the subprocess sandbox takes no limits, got {sorted(limits)}")
        return SubprocessSandbox()
    raise ValueError(f"unknown sandbox kind {kind!r}; use 'pool' or 'subprocess'")
