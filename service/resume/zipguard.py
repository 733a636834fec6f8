"""Vet a DOCX (a zip of XML parts) *before* python-docx opens it.

Checks, from the central directory only (nothing is inflated yet): member count, sum of declared
uncompressed sizes, per-member compression ratio (above a size floor — small XML legitimately
compresses 10-30x), duplicate names and zip-level encryption. Python's ``zipfile`` never inflates
a member past its declared size (it fails the CRC instead), so checking declared sizes bounds the
work python-docx can be made to do.

Then every part python-docx would parse as XML ([Content_Types].xml, *.rels, and parts whose
content type is XML) is scanned for ``<!DOCTYPE`` / ``<!ENTITY``. WordprocessingML never carries
a DTD, so any is refused (``UnsafeContent``). python-docx's own parser already disables entity
resolution; this is defense in depth and yields a clear error instead of silently dropped text.
SVG images (content type ``image/svg+xml``) legitimately carry DOCTYPEs and are never parsed by
python-docx, so ``image/*`` parts are skipped.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from service.resume.errors import (
    CorruptFile,
    EncryptedFile,
    ResumeError,
    UnsafeContent,
    UnsupportedFileType,
    ZipBomb,
)
from service.resume.limits import ExtractLimits

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=False)
_OTHER_OFFICE = ("xl/workbook.xml", "ppt/presentation.xml", "content.xml")  # + OpenDocument


def _has_dtd(payload: bytes) -> bool:
    head = payload[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        text = payload.decode("utf-16", errors="ignore")
    else:
        text = payload.decode("latin-1")
    lowered = text.lower()
    return "<!doctype" in lowered or "<!entity" in lowered


def _check_directory(infos: list[zipfile.ZipInfo], limits: ExtractLimits) -> None:
    if len(infos) > limits.max_zip_members:
        raise ZipBomb(f"The DOCX has {len(infos)} internal files; real résumés have a few dozen. "
                      "Re-save it in Word/WPS or upload a PDF.",
                      f"该 DOCX 内部包含 {len(infos)} 个文件，远超正常简历。"
                      "请用 Word / WPS 重新保存，或上传 PDF。")
    if len({info.filename for info in infos}) != len(infos):
        raise CorruptFile()
    if any(info.flag_bits & 0x1 for info in infos):
        raise EncryptedFile()
    if sum(info.file_size for info in infos) > limits.max_unzipped_bytes:
        raise ZipBomb()
    for info in infos:
        if (info.file_size > limits.ratio_floor_bytes
                and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1)):
            raise ZipBomb()


def _check_kind(names: set[str]) -> None:
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return
    if any(name in names for name in _OTHER_OFFICE):
        raise UnsupportedFileType(
            "Excel, PowerPoint and OpenDocument files are not supported. Save your résumé as "
            "PDF or DOCX.",
            "不支持 Excel / PowerPoint / OpenDocument 文件。请将简历保存为 PDF 或 DOCX 后上传。")
    raise UnsupportedFileType(
        "This is a zip archive, not a résumé document. Upload the PDF/DOCX file itself.",
        "这是一个压缩包而不是简历文档。请直接上传 PDF / DOCX 文件本身。")


def _xml_parts(zf: zipfile.ZipFile, content_types: bytes) -> list[str]:
    root = etree.fromstring(content_types, _SAFE_PARSER)
    defaults = {el.get("Extension", "").lower(): el.get("ContentType", "")
                for el in root.iter(f"{_CT_NS}Default")}
    overrides = {el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
                 for el in root.iter(f"{_CT_NS}Override")}
    parts = []
    for name in zf.namelist():
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        content_type = overrides.get(name, defaults.get(ext, ""))
        if content_type.startswith("image/"):
            continue
        if "xml" in content_type or name.endswith((".rels", ".xml")):
            parts.append(name)
    return parts


def _scan_xml(zf: zipfile.ZipFile) -> None:
    content_types = zf.read("[Content_Types].xml")
    if _has_dtd(content_types):
        raise UnsafeContent()
    for name in _xml_parts(zf, content_types):
        if _has_dtd(zf.read(name)):
            raise UnsafeContent()


def vet_docx(data: bytes, limits: ExtractLimits) -> None:
    """Raise a ResumeError if the zip is not a plausible, safe DOCX."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_kind({info.filename for info in infos})
            _check_directory(infos, limits)
            _scan_xml(zf)
    except ResumeError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, lxml syntax errors, CRC failures, ...
        raise CorruptFile() from exc
