"""Why a résumé upload was rejected, in words the candidate can act on.

Every rejection is a ``ResumeError`` subclass carrying ``code`` (stable, for clients and logs),
``message_en`` and ``message_zh`` (what happened *and what to do*), and ``http_status`` (a hint
for the web layer; this package never imports FastAPI). ``str(error)`` is the bilingual message,
so a generic handler that renders ``str(exc)`` is already useful. Subclasses define default
messages; a raise site may pass more specific ones (e.g. which limit was hit).

    ResumeError
    ├── UnsupportedFileType   not PDF / DOCX / Markdown / plain text (images, .doc, executables…)
    ├── CorruptFile           cannot be parsed
    │   └── UnsafeContent     DOCX with DTDs / XML entities (XXE, billion laughs)
    ├── EncryptedFile         password protected
    ├── EmptyResume           parsed, but no text
    ├── ImageOnlyResume       PDF made of images (a scan / "print as image") without a text layer
    ├── ResumeTooLarge        too many bytes, pages, or too slow to parse
    └── ZipBomb               compressed content that expands to an absurd size
"""

from __future__ import annotations

from typing import ClassVar


class ResumeError(Exception):
    """Base class: a résumé upload we cannot use, with bilingual guidance."""

    code: ClassVar[str] = "resume_error"
    http_status: ClassVar[int] = 422
    default_en: ClassVar[str] = (
        "We could not read this résumé. Upload a PDF, DOCX or Markdown file.")
    default_zh: ClassVar[str] = "无法读取这份简历，请上传 PDF、DOCX 或 Markdown 文件。"

    def __init__(self, message_en: str | None = None, message_zh: str | None = None) -> None:
        self.message_en = message_en or self.default_en
        self.message_zh = message_zh or self.default_zh
        super().__init__(f"{self.message_en} / {self.message_zh}")

    def to_dict(self) -> dict[str, str]:
        return {"error": type(self).__name__, "code": self.code,
                "message_en": self.message_en, "message_zh": self.message_zh}


class UnsupportedFileType(ResumeError):
    code = "unsupported_file_type"
    http_status = 415
    default_en = (
        "This file type is not supported. Upload your résumé as PDF (with selectable text), "
        "DOCX, Markdown (.md) or plain text (.txt).")
    default_zh = (
        "不支持该文件类型。请上传 PDF（文字可选中）、DOCX、"
        "Markdown（.md）或纯文本（.txt）格式的简历。")


class CorruptFile(ResumeError):
    code = "corrupt_file"
    default_en = (
        "The file looks damaged and cannot be opened. Re-export it from your editor "
        "(e.g. \"Save as PDF\" or \"Save as DOCX\") and upload it again.")
    default_zh = (
        "文件已损坏，无法打开。请在编辑器中重新导出"
        "（如“另存为 PDF”或“另存为 DOCX”）后再上传。")


class UnsafeContent(CorruptFile):
    code = "unsafe_content"
    default_en = (
        "The DOCX contains XML constructs (DTD / entity declarations) that Word never writes, "
        "so we refuse to open it. Re-save it in Word or WPS, or upload a PDF.")
    default_zh = (
        "该 DOCX 含有 Word 不会生成的 XML 声明（DTD / 实体），出于安全考虑拒绝解析。"
        "请用 Word 或 WPS 重新保存，或上传 PDF。")


class EncryptedFile(ResumeError):
    code = "encrypted_file"
    default_en = (
        "The file is password protected. Remove the password (or export an unprotected copy) "
        "and upload it again.")
    default_zh = "文件设置了密码保护。请取消密码（或导出一份未加密的副本）后再上传。"


class EmptyResume(ResumeError):
    code = "empty_resume"
    default_en = (
        "No text was found in the file. Check that you uploaded the right file, or paste your "
        "résumé into a Markdown / plain-text file.")
    default_zh = (
        "文件中没有找到任何文字。请确认上传的文件是否正确，"
        "或将简历内容粘贴到 Markdown / 纯文本文件中上传。")


class ImageOnlyResume(ResumeError):
    code = "image_only_resume"
    default_en = (
        "This PDF contains only images (a scan or an image export), so its text cannot be "
        "read. Export the PDF with selectable text or upload DOCX/Markdown.")
    default_zh = (
        "该 PDF 只包含图片（扫描件或导出为图片），无法读取文字。"
        "请导出文字可选中的 PDF，或上传 DOCX / Markdown。")


class ResumeTooLarge(ResumeError):
    code = "resume_too_large"
    http_status = 413
    default_en = (
        "The file is too large (limit: 5 MiB). Remove embedded images or photos and upload it "
        "again, or upload a DOCX/Markdown version.")
    default_zh = (
        "文件过大（上限 5 MiB）。请删除嵌入的图片或照片后重新上传，"
        "或上传 DOCX / Markdown 版本。")


class ZipBomb(ResumeError):
    code = "zip_bomb"
    http_status = 413
    default_en = (
        "The file expands to an unreasonable size when decompressed, which real résumés never "
        "do. Re-save it in Word/WPS, or upload a PDF.")
    default_zh = (
        "该文件解压后体积异常巨大，正常简历不会如此。"
        "请用 Word / WPS 重新保存，或上传 PDF。")


__all__ = [
    "CorruptFile",
    "EmptyResume",
    "EncryptedFile",
    "ImageOnlyResume",
    "ResumeError",
    "ResumeTooLarge",
    "UnsafeContent",
    "UnsupportedFileType",
    "ZipBomb",
]
