"""PDF text extraction with pypdf, hardened for untrusted uploads.

* pypdf's own resource limits are tightened for the duration of the call (``apply_configuration``
  is a context variable, so concurrent requests do not interfere) and the external ``jbig2dec``
  binary is never invoked.
* Encrypted files are opened with the empty user password (permission-only "encryption" is very
  common and harmless); anything needing a real password is ``EncryptedFile``.
* Page count is capped before any page is parsed, and a wall-clock budget is checked between
  pages and on every content-stream operator (via pypdf's visitor hook), so a hostile page cannot
  pin a worker. Decompression-bomb limits surface as ``ZipBomb``.
* Pages that paint images but have no text are reported so the caller can say "this is a scan".
* Any other parser failure on bad input becomes ``CorruptFile``: no pypdf exception escapes.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from service.resume.errors import (
    CorruptFile,
    EncryptedFile,
    ResumeError,
    ResumeTooLarge,
    ZipBomb,
)
from service.resume.limits import MIB, ExtractLimits

_PYPDF_LIMITS: dict[str, Any] = {
    "jbig2dec_binary": None,
    "maximum_declared_stream_length": 20 * MIB,
    "array_based_stream_maximum_output_length": 20 * MIB,
    "zlib_maximum_output_length": 20 * MIB,
    "lzw_maximum_output_length": 20 * MIB,
    "run_length_maximum_output_length": 20 * MIB,
    "brotli_maximum_output_length": 20 * MIB,
    "jbig2_maximum_output_length": 20 * MIB,
    "stream_decoding_work_maximum_length": 100 * MIB,
    "stream_parsing_work_maximum_count": 1_000_000,
    "page_tree_maximum_entries": 10_000,
    "page_tree_maximum_page_entries": 100_000,
    "xform_maximum_invocations_per_extraction": 500,
}
_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s")
_DO = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+Do\b")
_PASSWORD_EN = ("The PDF is password protected. Open it, remove the password (or print it to a "
                "new PDF), and upload the unprotected copy.")
_PASSWORD_ZH = "该 PDF 设置了打开密码。请打开后取消密码（或“打印”为新的 PDF），再上传未加密的版本。"


@dataclass
class PdfText:
    pages: list[str]
    image_only_pages: list[int] = field(default_factory=list)  # 0-based


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def check(self, *_: Any) -> None:
        if time.monotonic() > self._end:
            raise ResumeTooLarge(
                "The PDF is too complex to read in reasonable time. Re-export it (\"Print\" → "
                "\"Save as PDF\") or upload a DOCX/Markdown version.",
                "该 PDF 结构过于复杂，无法在合理时间内读取。请重新导出（“打印”→“另存为 PDF”），"
                "或上传 DOCX / Markdown 版本。")


def _unlock(reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    try:
        unlocked = bool(reader.decrypt(""))
    except (DependencyError, NotImplementedError) as exc:  # e.g. AES without a crypto provider
        raise EncryptedFile(_PASSWORD_EN, _PASSWORD_ZH) from exc
    if not unlocked:
        raise EncryptedFile(_PASSWORD_EN, _PASSWORD_ZH)


def _draws_image(content: bytes, resources: Any, depth: int) -> bool:
    """Does this content stream paint an image (inline, or an image XObject it invokes with Do,
    possibly through nested form XObjects)? Unused resources do not count."""
    if _INLINE_IMAGE.search(content):
        return True
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None or depth > 3:
        return False
    xobjects = xobjects.get_object()
    for name in set(_DO.findall(content)):
        ref = xobjects.get("/" + name.decode("latin-1"))
        obj = ref.get_object() if ref is not None else None
        if obj is None:
            continue
        subtype = obj.get("/Subtype")
        if subtype == "/Image":
            return True
        form_resources = obj.get("/Resources")
        if subtype == "/Form" and _draws_image(obj.get_data(), form_resources.get_object()
                                               if form_resources else resources, depth + 1):
            return True
    return False


def _has_images(page: Any) -> bool:
    try:
        contents = page.get_contents()
        if contents is None:
            return False
        resources = page.get("/Resources")
        return _draws_image(contents.get_data(), resources.get_object() if resources else None, 0)
    except Exception:  # an unreadable resource dictionary just means "no image found"
        return False


def _read_pages(data: bytes, limits: ExtractLimits) -> PdfText:
    reader = PdfReader(io.BytesIO(data), strict=False)
    _unlock(reader)
    count = len(reader.pages)
    if count == 0:
        raise CorruptFile()
    if count > limits.max_pdf_pages:
        raise ResumeTooLarge(
            f"The PDF has {count} pages (limit: {limits.max_pdf_pages}). Upload only your résumé.",
            f"该 PDF 共 {count} 页（上限 {limits.max_pdf_pages} 页）。请只上传简历本身。")
    deadline = _Deadline(limits.time_budget_s)
    result = PdfText(pages=[])
    for index, page in enumerate(reader.pages):
        deadline.check()
        text = page.extract_text(visitor_operand_before=deadline.check) or ""
        result.pages.append(text)
        if not text.strip() and _has_images(page):
            result.image_only_pages.append(index)
    return result


def extract_pdf(data: bytes, limits: ExtractLimits) -> PdfText:
    """Text of every page, plus which pages are images without text."""
    try:
        with apply_configuration(**_PYPDF_LIMITS):
            return _read_pages(data, limits)
    except ResumeError:
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedFile(_PASSWORD_EN, _PASSWORD_ZH) from exc
    except LimitReachedError as exc:
        raise ZipBomb(
            "The PDF contains compressed streams that expand beyond our limits. Re-export it "
            "(\"Print\" → \"Save as PDF\") or upload DOCX/Markdown.",
            "该 PDF 内含解压后体积超限的数据流。"
            "请重新导出（“打印”→“另存为 PDF”），或上传 DOCX / Markdown。",
        ) from exc
    except Exception as exc:  # pypdf raises many types on malformed input; all mean "corrupt"
        raise CorruptFile() from exc
