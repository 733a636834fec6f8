"""Decide what a file really is from its bytes; the name and MIME type are only hints.

A ".pdf" that is really a zip is treated as a zip, a ".docx" that is an OLE2 container is either
a legacy .doc (unsupported: "save as DOCX") or an Office-encrypted package (EncryptedFile), and
a PNG renamed to ".txt" is still an image. Text (Markdown / plain) is whatever is not a known
binary signature and decodes cleanly; Markdown vs plain is decided by the hints.
"""

from __future__ import annotations

from typing import Literal

from service.resume.errors import EncryptedFile, UnsupportedFileType

Sniffed = Literal["pdf", "zip", "text"]

_IMAGE_EN = ("This is an image, not a document. Upload your résumé as a PDF with selectable "
             "text, DOCX or Markdown; we do not run OCR on photos or screenshots.")
_IMAGE_ZH = ("这是一张图片而不是文档。请上传文字可选中的 PDF、DOCX 或 Markdown；"
             "我们不对照片或截图做文字识别。")
_LEGACY_EN = ("Legacy Word (.doc) / WPS files are not supported. In Word or WPS choose "
              "\"Save as\" → DOCX (or PDF) and upload that file.")
_LEGACY_ZH = "不支持旧版 Word（.doc）/ WPS 格式。请在 Word 或 WPS 中“另存为” DOCX（或 PDF）后上传。"

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a",
                b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00")
_BINARY_MAGIC = (
    b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf",  # programs
    b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"BZh", b"\xfd7zXZ\x00",  # archives
    b"{\\rtf", b"%!PS", b"\x00asm", b"SQLite format 3",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def _is_image(head: bytes) -> bool:
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return True
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypavif", b"ftypmif1"):
        return True
    if head.startswith(b"BM") and b"\x00" in head[:16]:  # bare "BM" could start a text line
        return True
    return head.startswith(_IMAGE_MAGIC)


def _reject_ole(data: bytes) -> None:
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFile(
            "This Office document is password protected. Open it in Word/WPS, remove the "
            "password (File → Info → Protect document), save as DOCX and upload again.",
            "该 Office 文档设置了密码。请在 Word / WPS 中取消密码保护，另存为 DOCX 后重新上传。")
    raise UnsupportedFileType(_LEGACY_EN, _LEGACY_ZH)


def sniff(data: bytes) -> Sniffed:
    """Classify by magic bytes; raise UnsupportedFileType / EncryptedFile for known non-résumés."""
    head = data[:64]
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if b"%PDF-" in data[:1024]:  # the spec tolerates junk before the header
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        _reject_ole(data)
    if _is_image(head):
        raise UnsupportedFileType(_IMAGE_EN, _IMAGE_ZH)
    if head.startswith(_BINARY_MAGIC) or (head.startswith(b"MZ") and b"\x00" in head):
        raise UnsupportedFileType()
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        raise UnsupportedFileType(
            "HTML pages are not supported. Print the page to PDF or save it as DOCX/Markdown.",
            "不支持 HTML 网页。请将网页打印为 PDF，或保存为 DOCX / Markdown 后上传。")
    return "text"


def is_markdown(filename: str, content_type: str | None) -> bool:
    name = filename.lower()
    return name.endswith((".md", ".markdown", ".mdown")) or (content_type or "").lower() in (
        "text/markdown", "text/x-markdown")
