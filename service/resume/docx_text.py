"""DOCX text extraction: python-docx opens and validates the package (with its entity-free lxml
parser, after ``zipguard.vet_docx``), then we walk the body XML ourselves in document order.

Walking the XML rather than ``document.paragraphs`` also picks up what Chinese résumé templates
love: text boxes (``w:txbxContent``, emitted after their anchor paragraph; the VML
``mc:Fallback`` copy is skipped so nothing appears twice), content controls, and nested tables.
Deleted revisions (``w:delText``) and field codes are not text.

The output is lightly Markdown-flavoured so the claim extractor sees the same structure as in a
Markdown upload: heading styles become "## ", Word list paragraphs "- " (Word numbering is not
part of the text), and short all-bold paragraphs "**…**". Table rows become "a | b | c"; a
"label | value" row with a known label ("项目名称", "Role", …) becomes "label：value"; cells with
several paragraphs are emitted line by line after the row's short cells.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx

from service.resume.errors import CorruptFile, ResumeError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_TXBX, _DEL = f"{_W}txbxContent", f"{_W}del"
_SKIP = (_MC_FALLBACK, _DEL)
_MAX_DEPTH = 40
_HEADING_STYLE = re.compile(r"(?i)^(heading|title|标题)\s*\d*$")
_LABELS = re.compile(
    r"^(项目名称|项目描述|项目简介|项目背景|项目内容|主要工作|个人职责|职责|工作内容|技术栈|使用技术|"
    r"项目成果|成果|时间|起止时间|角色|担任角色|公司|单位|Project|Role|Description|"
    r"Responsibilities|Tech ?stack|Results?|Period|Time|Company)$", re.IGNORECASE)
_BULLET_CHARS = ("-", "*", "•", "●", "▪", "◆", "■", "·", "○", "➢", "►", "✓")


def _runs(element: Any, parts: list[str], boxes: list[Any], depth: int) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _TXBX:
            boxes.append(child)
        elif tag not in _SKIP and depth < _MAX_DEPTH:
            _runs(child, parts, boxes, depth + 1)


def _is_bold_run(run: Any) -> bool:
    flag = run.find(f"{_W}rPr/{_W}b")
    return flag is not None and flag.get(f"{_W}val", "true") not in ("0", "false", "off")


def _all_bold(p: Any) -> bool:
    runs = [r for r in p.iter(f"{_W}r") if "".join(t.text or "" for t in r.iter(_T)).strip()]
    return bool(runs) and all(_is_bold_run(r) for r in runs)


def _prefix(p: Any, text: str, styles: dict[str, str]) -> str:
    style_el = p.find(f"{_W}pPr/{_W}pStyle")
    style = styles.get(style_el.get(f"{_W}val", ""), "") if style_el is not None else ""
    if _HEADING_STYLE.match(style):
        return "## "
    is_list = p.find(f"{_W}pPr/{_W}numPr") is not None or "list" in style.lower()
    if is_list and not text.lstrip().startswith(_BULLET_CHARS):
        return "- "
    return ""


class _Walker:
    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.lines: list[str] = []

    def blocks(self, element: Any, depth: int = 0) -> None:
        for child in element:
            if child.tag == _P:
                self.paragraph(child, depth)
            elif child.tag == _TBL:
                self.table(child, depth)
            elif child.tag not in _SKIP and depth < _MAX_DEPTH:
                self.blocks(child, depth + 1)

    def paragraph(self, p: Any, depth: int) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        _runs(p, parts, boxes, depth)
        text = "".join(parts).strip()
        if text:
            prefix = _prefix(p, text, self.styles)
            if not prefix and len(text) <= 80 and "\n" not in text and _all_bold(p):
                text = f"**{text}**"
            self.lines.append(prefix + text)
        for box in boxes:
            self.blocks(box, depth + 1)

    def _cell_lines(self, cell: Any, depth: int) -> list[str]:
        inner = _Walker(self.styles)
        inner.blocks(cell, depth + 1)
        return [line for line in inner.lines if line.strip()]

    def table(self, tbl: Any, depth: int) -> None:
        for row in tbl.findall(_TR):
            if depth >= _MAX_DEPTH:
                return
            cells = [self._cell_lines(tc, depth) for tc in row if tc.tag == _TC]
            short = [c[0] for c in cells if len(c) == 1]
            if len(cells) == 2 and len(short) == 2 and _LABELS.match(short[0].strip("*：: ")):
                self.lines.append(f"{short[0].strip('*：: ')}：{short[1]}")
            elif short:
                self.lines.append(" | ".join(short))
            for cell in cells:
                if len(cell) > 1:
                    self.lines.extend(cell)


def _header_lines(document: Any, styles: dict[str, str]) -> list[str]:
    walker = _Walker(styles)
    try:
        section = document.sections[0]
        for header in (section.first_page_header, section.header):
            if not header.is_linked_to_previous:
                walker.blocks(header._element)
    except (IndexError, AttributeError, KeyError, ValueError):
        return []
    return walker.lines


def extract_docx(data: bytes) -> str:
    """Body text (plus first-section header text) of a vetted DOCX, one block per line."""
    try:
        document = docx.Document(io.BytesIO(data))
        styles = {s.style_id: s.name or "" for s in document.styles if s.style_id}
        walker = _Walker(styles)
        walker.blocks(document.element.body)
        body = walker.lines
        header = [line for line in _header_lines(document, styles) if line not in body]
        return "\n".join(header + body)
    except ResumeError:
        raise
    except Exception as exc:  # python-docx / lxml on malformed parts: KeyError, ValueError, ...
        raise CorruptFile() from exc
