"""Résumé file → normalized text: the only entry point the web layer needs for uploads.

Pipeline: size cap → magic-byte sniffing (``detect``; the filename / MIME type only choose
Markdown vs plain text and never override the bytes) → format reader (``pdf``, ``zipguard`` +
``docx_text``, ``textfile``) → ``normalize`` → empty / image-only verdict.

Contract: for *any* input bytes, ``extract_text`` either returns an ``ExtractedResume`` or raises
a ``ResumeError`` subclass whose ``message_en`` / ``message_zh`` tell the user what to do.
Parsing is CPU-bound and synchronous; callers in async code should run it in a worker thread.
"""

from __future__ import annotations

from service.resume.detect import is_markdown, sniff
from service.resume.docx_text import extract_docx
from service.resume.errors import EmptyResume, ImageOnlyResume, ResumeTooLarge
from service.resume.limits import DEFAULT_LIMITS, MIB, ExtractLimits
from service.resume.models import ExtractedResume
from service.resume.normalize import normalize_text
from service.resume.pdf import extract_pdf
from service.resume.textfile import decode_text
from service.resume.zipguard import vet_docx

_MIN_TEXT_CHARS = 20  # below this a "résumé" has no usable text


def _meaningful(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def _from_pdf(data: bytes, limits: ExtractLimits) -> ExtractedResume:
    result = extract_pdf(data, limits)
    text, truncated = normalize_text("\n\n".join(result.pages), limits.max_chars)
    pages = len(result.pages)
    if _meaningful(text) < _MIN_TEXT_CHARS:
        if result.image_only_pages:
            raise ImageOnlyResume()
        raise EmptyResume()
    warnings = []
    if result.image_only_pages:
        listed = ", ".join(str(i + 1) for i in result.image_only_pages)
        warnings.append(f"Page(s) {listed}: images only, their content was not read. "
                        f"第 {listed} 页只有图片，其内容未被读取。")
    return ExtractedResume(text=text, format="pdf", pages=pages, truncated=truncated,
                           warnings=warnings)


def _from_docx(data: bytes, limits: ExtractLimits) -> ExtractedResume:
    vet_docx(data, limits)
    text, truncated = normalize_text(extract_docx(data), limits.max_chars)
    if _meaningful(text) < _MIN_TEXT_CHARS:
        raise EmptyResume()
    return ExtractedResume(text=text, format="docx", truncated=truncated)


def _from_text(data: bytes, markdown: bool, limits: ExtractLimits) -> ExtractedResume:
    raw, encoding = decode_text(data)
    text, truncated = normalize_text(raw, limits.max_chars)
    if _meaningful(text) < _MIN_TEXT_CHARS:
        raise EmptyResume()
    return ExtractedResume(text=text, format="markdown" if markdown else "text",
                           encoding=encoding, truncated=truncated)


def extract_text(data: bytes, filename: str, content_type: str | None,
                 *, limits: ExtractLimits = DEFAULT_LIMITS) -> ExtractedResume:
    """Extract normalized text from an uploaded résumé (PDF, DOCX, Markdown or plain text)."""
    if len(data) > limits.max_bytes:
        cap = f"{limits.max_bytes / MIB:g} MiB"
        raise ResumeTooLarge(
            f"The file is {len(data) / MIB:.1f} MiB; the limit is {cap}. Remove embedded images "
            "or photos and upload it again, or upload a DOCX/Markdown version.",
            f"文件大小为 {len(data) / MIB:.1f} MiB，超过 {cap} 的上限。"
            "请删除嵌入的图片或照片后重新上传，或上传 DOCX / Markdown 版本。")
    if not data.strip():
        raise EmptyResume()
    kind = sniff(data)
    if kind == "pdf":
        return _from_pdf(data, limits)
    if kind == "zip":
        return _from_docx(data, limits)
    return _from_text(data, is_markdown(filename, content_type), limits)
