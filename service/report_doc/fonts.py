"""The CJK font embedded in PDF reports and drawn into their charts.

The product's run command installs from PyPI only, so the font comes from a package: WenQuanYi
Micro Hei (文泉驿微米黑; Apache License 2.0, or GPLv3 with the font-embedding exception), shipped as
``fonts/wqy-microhei.ttc`` by ``paperang-p2-fonts-cjk``, a plain font package that is only read,
never imported. It has TrueType outlines and covers GB18030's common simplified and traditional
characters. TrueType matters: fpdf2 writes CFF (OpenType/.otf) fonts such as Noto Sans SC with an
encoding that pypdf cannot decode (text extraction yields NUL-separated bytes), and their subsetting
is about twice as slow. Machines that lack the package but have Debian's fonts-wqy-microhei or
fonts-noto-cjk use those. With none, :class:`FontUnavailable` says how to fix it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE = "paperang_p2_fonts_cjk"
PACKAGE_FILE = "fonts/wqy-microhei.ttc"
SYSTEM_FONTS = (  # (path, index inside a collection)
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # 2 = Simplified Chinese
)


class FontUnavailable(RuntimeError):
    """No CJK font was found; the message says which package to install."""


@dataclass(frozen=True)
class CjkFont:
    path: Path
    collection_index: int = 0
    source: str = "package"


def _package_font() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / PACKAGE_FILE
    return path if path.is_file() else None


def find_fallback_font() -> Path | None:
    """DejaVu Sans from matplotlib's own data: symbols Noto Sans SC lacks (ᵀ, ₁, ⟨⟩, ∑…)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "mpl-data/fonts/ttf/DejaVuSans.ttf"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def find_cjk_font() -> CjkFont:
    packaged = _package_font()
    if packaged is not None:
        return CjkFont(packaged)
    for path, index in SYSTEM_FONTS:
        if Path(path).is_file():
            return CjkFont(Path(path), index, "system")
    raise FontUnavailable(
        "No Chinese font for the PDF report. Install it with: pip install paperang-p2-fonts-cjk "
        "(it is a dependency of kaoda; reinstalling kaoda brings it back). "
        "PDF 报告缺少中文字体，请运行 pip install paperang-p2-fonts-cjk。")
