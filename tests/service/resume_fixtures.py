"""Test-time builders for résumé fixtures: PDF and DOCX bytes are generated, never checked in.

The PDF writer is hand-rolled (no reportlab): every page is a list of text lines drawn with one
Type0 font whose CIDs are the Unicode code points (Identity-H) and whose /ToUnicode CMap maps them
back, so pypdf extracts Chinese and English alike. The font is not embedded — a viewer would
substitute glyphs — which is fine for text extraction tests. Image-only pages draw a tiny image
XObject and no text, like a scanned résumé.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "resumes"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------


def _to_unicode_cmap(codes: list[int]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]
    for start in range(0, len(codes), 100):
        chunk = codes[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{c:04X}> <{c:04X}>" for c in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _text_content(lines: list[str]) -> bytes:
    ops = []
    y = 800
    for line in lines:
        if line.strip():
            hexed = "".join(f"{ord(ch):04X}" for ch in line if ord(ch) <= 0xFFFF)
            ops.append(f"BT /F1 10 Tf 40 {y} Td <{hexed}> Tj ET")
        y -= 14
    return "\n".join(ops).encode("ascii")


def _image_content() -> bytes:
    return b"q 500 0 0 700 40 80 cm /Im1 Do Q"


def _serialize(objects: list[bytes]) -> bytes:
    """Objects are numbered 1..n in order; object 1 must be the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def make_pdf(pages: list[list[str]], image_pages: frozenset[int] = frozenset()) -> bytes:
    """A PDF whose page i draws ``pages[i]`` as text lines, or an image if i is in image_pages."""
    codes = sorted({ord(ch) for page in pages for line in page for ch in line if ord(ch) <= 0xFFFF})
    # 1 catalog, 2 pages, 3 font, 4 descendant, 5 descriptor, 6 tounicode, 7 image, 8.. pages
    first_page = 8
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /KaodaSans /Encoding /Identity-H"
        b" /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KaodaSans /CIDToGIDMap /Identity"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 5 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /KaodaSans /Flags 4 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        _stream(_to_unicode_cmap(codes)),
        _stream(b"\x80\x40\xc0\xff", "/Type /XObject /Subtype /Image /Width 2 /Height 2"
                " /ColorSpace /DeviceGray /BitsPerComponent 8 "),
    ]
    for index, lines in enumerate(pages):
        content_ref = first_page + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_ref} 0 R"
            " /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 7 0 R >> >> >>".encode())
        body = _image_content() if index in image_pages else _text_content(lines)
        objects.append(_stream(body))
    return _serialize(objects)


def text_to_pdf(text: str, lines_per_page: int = 50) -> bytes:
    lines = text.splitlines()
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    return make_pdf(pages)


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------


def _add_markdown_line(document: Any, line: str) -> None:
    heading = re.match(r"^(#{1,3})\s+(.*)$", line)
    bold = re.match(r"^\*\*(.+)\*\*$", line.strip())
    if heading:
        document.add_heading(heading.group(2), level=len(heading.group(1)))
    elif line.lstrip().startswith(("- ", "* ")):
        document.add_paragraph(line.lstrip()[2:], style="List Bullet")
    elif bold:
        document.add_paragraph().add_run(bold.group(1)).bold = True
    elif line.strip():
        document.add_paragraph(line.strip())


def markdown_to_docx(text: str) -> bytes:
    """Headings become Word headings, '- ' lines become list bullets (no bullet character in
    the text: Word numbering is not part of w:t), and **bold** lines become bold runs."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        _add_markdown_line(document, line)
    return _save(document)


def blocks_to_docx(blocks: list[dict[str, Any]]) -> bytes:
    """Blocks from a JSON fixture: {"heading"|"para"|"bullet"|"bold": text} or {"table": rows}."""
    import docx

    document = docx.Document()
    for block in blocks:
        if "heading" in block:
            document.add_heading(block["heading"], level=1)
        elif "para" in block:
            document.add_paragraph(block["para"])
        elif "bullet" in block:
            document.add_paragraph(block["bullet"], style="List Bullet")
        elif "bold" in block:
            document.add_paragraph().add_run(block["bold"]).bold = True
        elif "table" in block:
            rows = block["table"]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    return _save(document)


def json_fixture_docx(name: str) -> bytes:
    return blocks_to_docx(json.loads(fixture_text(name)))


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewrite_zip(data: bytes, replace: dict[str, bytes],
                add: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip, swapping the named members' bytes and appending extra (deflated) members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, payload in (add or {}).items():
            dst.writestr(name, payload)
    return out.getvalue()


_TEXTBOX_XML = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
)


def docx_with_textbox(body_text: str, box_text: str) -> bytes:
    """A DOCX whose body has a paragraph plus a text box (Word writes it twice: DrawingML
    choice + VML fallback); extraction must yield the box text exactly once."""
    import docx

    document = docx.Document()
    document.add_paragraph(body_text)
    data = _save(document)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    xml = xml.replace("<w:sectPr", _TEXTBOX_XML.format(text=box_text) + "<w:sectPr", 1)
    return rewrite_zip(data, {"word/document.xml": xml.encode("utf-8")})


def docx_with_document_xml(xml: bytes) -> bytes:
    """A valid DOCX package whose main part is replaced by ``xml`` (for XXE / bomb tests)."""
    import docx

    return rewrite_zip(_save(docx.Document()), {"word/document.xml": xml})
