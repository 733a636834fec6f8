"""Run a sentence-transformers model folder with ONNX Runtime instead of torch.

Why: a query is ~10–20 tokens, and at that size torch eager spends most of its time in per-op
overhead (multilingual-e5-small: 23 ms for 12 tokens on one core here). The same weights exported
once to ONNX and run by ONNX Runtime with all graph optimizations take ~9 ms and give the same
vectors (cosine 1.0000 against ``SentenceTransformer.encode``), so the index, the rubric grader's
calibration and every threshold stay valid. ``int8`` (dynamic per-channel quantization, ~4 ms a
query) is offered as an option; it moves vectors by ~0.3 % (cosine ≈ 0.997), so it is opt-in.

The folder is the one :func:`knowledge.embedder.resolve_model` gives: a standard
sentence-transformers layout (``modules.json`` with Transformer → Pooling [→ Normalize], a fast
``tokenizer.json``). The export runs at set-up time (``kaoda kb setup-model``), from the folder
itself, with torch's TorchScript-based exporter, into ``<cache>/onnx/<model>-<hash>/``, written
atomically and reused while the source folder is unchanged. Nothing is downloaded.

Threads: one session with one intra-op thread. A single query is latency-bound (two threads add
synchronisation and collapse under concurrent requests); bulk encodes (index builds) split the
batches over a thread pool instead, since ``InferenceSession.run`` is thread-safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

import numpy as np

from knowledge.errors import ModelUnavailableError

Precision = Literal["fp32", "int8"]
EXPORT_VERSION = "1"  # bump when the exported graph changes, to force re-export
MAX_TOKENS = 512


def _folder_digest(folder: Path) -> str:
    """Identifies the source model: names, sizes and mtimes of its files (cheap, no hashing)."""
    h = hashlib.sha1(EXPORT_VERSION.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        h.update(f"{path.relative_to(folder)}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return h.hexdigest()[:12]


def read_pooling(folder: Path) -> tuple[str, bool]:
    """(pooling mode ``mean`` or ``cls``, whether the model L2-normalizes), from modules.json."""
    try:
        modules = json.loads((folder / "modules.json").read_text())
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"{folder} has no readable modules.json ({exc})") from exc
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if not kinds or kinds[0] != "Transformer" or "Pooling" not in kinds:
        raise ModelUnavailableError(
            f"the ONNX runtime supports Transformer + Pooling models; {folder} has {kinds}; "
            "set KAODA_KB__RUNTIME=torch for this model")
    pooling_dir = folder / modules[kinds.index("Pooling")].get("path", "1_Pooling")
    config = json.loads((pooling_dir / "config.json").read_text())
    if config.get("pooling_mode_cls_token"):
        mode = "cls"
    elif config.get("pooling_mode_mean_tokens", True):
        mode = "mean"
    else:
        raise ModelUnavailableError(f"unsupported pooling in {pooling_dir}; use the torch runtime")
    return mode, "Normalize" in kinds


def _export_fp32(folder: Path, target: Path) -> None:
    import warnings

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    # Eager attention traces to plain MatMul/Softmax; SDPA's masking logic does not trace cleanly.
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager",
                                      local_files_only=True).eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.tensor([[0, 10, 11, 12, 2], [0, 13, 2, 1, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    axes = {0: "batch", 1: "tokens"}
    # The tracer warns about Python-level shape checks that are constant for encoder inputs
    # (no KV cache); :func:`_verify` checks the exported graph on padded batches instead.
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Encoder(), (ids, mask), str(target),
                          input_names=["input_ids", "attention_mask"],
                          output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                          dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                        "last_hidden_state": axes})


_PROBES = ["query: 为什么注意力要除以根号dk？", "passage: BN 和 LN 的區別：（）、。",
           "query: why does the KV cache speed up decoding", "passage: " + "长序列 long context " * 40]
_MIN_COSINE = {"fp32": 0.9999, "int8": 0.95}  # int8 is lossy by design (opt-in)


def _verify(folder: Path, model_path: Path, precision: Precision) -> None:
    """Refuse an export whose vectors disagree with the torch model on the same token ids.

    (Same ids on purpose: transformers 5 rebuilds XLM-R tokenizers from the vocabulary and drops
    ``tokenizer.json``'s NFKC normalizer, turning full-width punctuation into ``<unk>``; this
    runtime uses ``tokenizer.json`` as written, so only the graph is compared here.)
    """
    import torch
    from transformers import AutoModel

    encoder = OnnxEncoder(folder, model_path)
    got = encoder.encode(_PROBES)
    ids, mask = encoder.tokenize(_PROBES)
    model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    with torch.inference_mode():
        hidden = model(input_ids=torch.from_numpy(ids),
                       attention_mask=torch.from_numpy(mask)).last_hidden_state.numpy()
    expected = encoder.pool(hidden, mask)
    cosine = float(((expected * got).sum(axis=1) / np.linalg.norm(expected, axis=1)
                    / np.linalg.norm(got, axis=1)).min())
    if cosine < _MIN_COSINE[precision]:
        raise ValueError(f"exported {precision} model disagrees with the torch model "
                         f"(cosine {cosine:.5f} < {_MIN_COSINE[precision]})")


def ensure_onnx(folder: Path, cache_dir: Path, precision: Precision) -> Path:
    """The exported ``.onnx`` file for ``folder`` (exported on first use, then reused)."""
    out = cache_dir / "onnx" / f"{folder.name}-{_folder_digest(folder)}"
    path = out / f"model-{precision}.onnx"
    if path.is_file():
        return path
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        if (out / "model-fp32.onnx").is_file():
            shutil.copy2(out / "model-fp32.onnx", staging / "model-fp32.onnx")
        else:
            _export_fp32(folder, staging / "model-fp32.onnx")
        if precision == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(staging / "model-fp32.onnx"), str(staging / "model-int8.onnx"),
                             weight_type=QuantType.QInt8, per_channel=True)
        _verify(folder, staging / f"model-{precision}.onnx", precision)
    except Exception as exc:  # the exporter raises many types; the user needs one clear message
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelUnavailableError(
            f"exporting {folder} to ONNX failed ({type(exc).__name__}: {exc}); "
            "set KAODA_KB__RUNTIME=torch to run it with torch instead") from exc
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return path


def _max_tokens(folder: Path) -> int:
    try:
        config = json.loads((folder / "sentence_bert_config.json").read_text())
        return min(int(config.get("max_seq_length") or MAX_TOKENS), MAX_TOKENS)
    except (OSError, ValueError, TypeError):
        return MAX_TOKENS


def _pad_id(tokenizer) -> int:
    for token in ("<pad>", "[PAD]"):
        found = tokenizer.token_to_id(token)
        if found is not None:
            return int(found)
    return 0


PAD_SLACK = 1.3  # a batch's padded tokens may exceed its real tokens by this factor


def plan_batches(lengths: list[int], workers: int, batch_size: int) -> list[list[int]]:
    """Rows (by index) grouped into batches, largest work first. The model's cost is per padded
    token (about 1.3 ms each on one core here, matmul-bound), so a batch's padded size must stay
    near its real size (one long code line among short sentences would otherwise make every row
    as long as it), and the work must be spread over the workers in similar-sized pieces: each
    session runs on one thread, and one batch of an answer's sixteen sentences used to leave the
    other core idle while three short batches finished."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    budget = max(max(lengths), -(-sum(lengths) // (2 * workers)))  # ~2 pieces per worker
    batches: list[list[int]] = [[]]
    real = 0  # the current batch's real tokens
    for i in order:  # rows are ascending: the newest row sets the batch's padded width
        batch, size = batches[-1], lengths[i]
        padded = size * (len(batch) + 1)
        if batch and (len(batch) >= batch_size or padded > PAD_SLACK * (real + size)
                      or padded > budget):
            batches.append([])
            batch, real = batches[-1], 0
        batch.append(i)
        real += size
    return sorted(batches, key=lambda b: -lengths[b[-1]] * len(b))


class OnnxEncoder:
    """Tokenize, run, pool, normalize: ``encode(texts) -> float32 [n, dim]``."""

    def __init__(self, folder: Path, model_path: Path, batch_size: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.pooling, self.normalize = read_pooling(folder)
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(_max_tokens(folder))
        self.pad_id = _pad_id(self.tokenizer)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_path), options,
                                            providers=["CPUExecutionProvider"])
        self.workers = max(1, os.cpu_count() or 1)

    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        return self._arrays([e.ids for e in self.tokenizer.encode_batch(texts)])

    def _arrays(self, rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for row, tokens in enumerate(rows):
            ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1
        return ids, mask

    def _run_ids(self, rows: list[list[int]]) -> np.ndarray:
        ids, mask = self._arrays(rows)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return self.pool(hidden, mask)

    def pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.pooling == "cls":
            vectors = hidden[:, 0]
        else:
            weights = mask[..., None].astype(np.float32)
            vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        if self.normalize:
            vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return np.asarray(vectors, dtype=np.float32)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Texts are tokenized once, sorted by length and run in batches whose padded size stays
        near their real size: the model's cost is per padded token, and one long clause in a
        batch of short ones (an answer's code line next to its sentences) would otherwise make
        every row as long as it — 3.5x the work on a typical long answer. Results come back in
        the input order."""
        if not texts:
            raise ValueError("nothing to encode")
        rows = [e.ids for e in self.tokenizer.encode_batch(texts)]
        batches = plan_batches([len(r) for r in rows], self.workers, self.batch_size)
        if len(batches) == 1:
            parts = [self._run_ids([rows[i] for i in batches[0]])]
        else:
            with ThreadPoolExecutor(self.workers) as pool:
                parts = list(pool.map(lambda b: self._run_ids([rows[i] for i in b]), batches))
        out = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        for batch, part in zip(batches, parts, strict=True):
            out[batch] = part
        return out
