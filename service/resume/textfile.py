"""Decode Markdown / plain-text résumés.

Tried in order: a BOM (UTF-8, UTF-16 LE/BE: Windows Notepad's "Unicode"), strict UTF-8, then
GB18030 (a superset of GBK / GB2312, what Chinese Windows editors save by default). Random
binary almost never survives strict decoding, and whatever does is rejected when it contains
NULs or too many control / unassigned characters to be prose.
"""

from __future__ import annotations

import codecs
import unicodedata

from service.resume.errors import UnsupportedFileType

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_MAX_ODD_RATIO = 0.01
_SAMPLE = 20_000


def _looks_like_prose(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return True
    odd = 0
    for ch in sample:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in "\t\n\r\f") or category in ("Cn", "Co", "Cs"):
            odd += 1
    return odd / len(sample) <= _MAX_ODD_RATIO


def _decode(data: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise UnsupportedFileType for binary content."""
    decoded = _decode(data)
    if decoded is None or not _looks_like_prose(decoded[0]):
        raise UnsupportedFileType(
            "This file is neither a supported document nor readable text. Upload a PDF (with "
            "selectable text), DOCX, Markdown or a UTF-8 / GBK text file.",
            "该文件既不是支持的文档格式，也不是可读的文本。"
            "请上传 PDF（文字可选中）、DOCX、Markdown，或 UTF-8 / GBK 编码的文本文件。")
    return decoded
