"""The local LLM's exception tree (see :mod:`service.local_llm`)."""

from __future__ import annotations


class LocalLLMError(Exception):
    """Base class: the local LLM cannot be set up or served; the message says how to fix it."""


class RuntimeMissingError(LocalLLMError):
    """``llama-cpp-python[server]`` is not importable in this environment."""


class ModelPartsMissingError(LocalLLMError):
    """A part package of the model is not installed (or is installed at another version)."""


class ChecksumMismatchError(LocalLLMError):
    """The assembled GGUF file's sha256 is not the pinned one."""


class ServerStartError(LocalLLMError):
    """The llama.cpp server process exited, or did not answer in time."""
