"""Text normalization shared by every format.

* NFKC folds full-width letters/digits (ＹＯＬＯｖ５ → YOLOv5), ligatures from PDFs (ﬁ → fi),
  Kangxi radicals and CJK compatibility ideographs that PDF extraction often produces (⽬ → 目),
  and exotic spaces; ``cjk.fold_radicals`` then maps what NFKC leaves alone, the CJK Radicals
  Supplement and CJK Strokes (⻆ → 角). Full-width *punctuation* (，：；（）！？【】…) is shielded from NFKC so
  Chinese text keeps reading naturally (NFKC would turn "，" into ",").
* Zero-width characters, soft hyphens, control characters and private-use glyphs (icon fonts
  for phone / mail symbols) are removed.
* Whitespace inside a line collapses to one space; letter-spaced CJK runs ("项 目 经 历", also
  what some PDFs yield for whole lines) are closed up, while spaces between CJK *words* ("张三 男")
  stay; line structure is kept, with at most one blank line in a row.
* The result is capped at ``max_chars``.
"""

from __future__ import annotations

import re
import unicodedata

from service.resume.cjk import fold_radicals

# Full-width punctuation kept as is: U+FF01..FF0F, FF1A..FF20, FF3B..FF40, FF5B..FF65,
# minus the ones that are really ASCII-like symbols in résumés (％ ＋ － ． ／ ＝ ＠ ＆ ＃).
_KEEP = "".join(
    chr(c)
    for lo, hi in ((0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))
    for c in range(lo, hi + 1)
    if chr(c) not in "％＋－．／＝＠＆＃＿"
)
_PUA_BASE = 0xF0000  # Supplementary PUA-A: never survives in output (stripped below first)
_SHIELD = {ord(ch): _PUA_BASE + i for i, ch in enumerate(_KEEP)}
_UNSHIELD = {_PUA_BASE + i: ch for i, ch in enumerate(_KEEP)}

_DROP = re.compile(
    "[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\ue000-\uf8ff\U000f0000-\U0010ffff"
    "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# "项 目 经 历", "技 能": two or more single CJK characters separated by single spaces.
_SPACED_CJK = re.compile(f"(?<![{_CJK}])[{_CJK}](?: [{_CJK}](?![{_CJK}])){{1,}}")
_BLANKS = re.compile(r"\n{3,}")


def _fold(text: str) -> str:
    shielded = text.translate(_SHIELD)
    return fold_radicals(unicodedata.normalize("NFKC", shielded).translate(_UNSHIELD))


def normalize_text(text: str, max_chars: int) -> tuple[str, bool]:
    """Normalize extracted text; returns (text, truncated)."""
    # Generous pre-cap so pathological inputs do not cost much; the real cap comes last.
    text = text[: max_chars * 4]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = _DROP.sub("", text)
    text = _fold(text)
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        lines.append(_SPACED_CJK.sub(lambda m: m.group(0).replace(" ", ""), line))
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    if len(text) <= max_chars:
        return text, False
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut if cut > max_chars // 2 else max_chars].rstrip(), True
