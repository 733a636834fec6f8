"""The report's charts as PNG images for the PDF: a radar of the per-question scores (a bar chart
when fewer than three questions were asked) and a bar chart of the stage scores.

matplotlib with the headless Agg backend, fonts from ``fonts.find_cjk_font`` so Chinese labels
render; it is imported on first use (about 1 s), each chart then costs tens of milliseconds.
Long labels are wrapped; scores are 0–100.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from typing import Any

from service.report_doc.fonts import find_cjk_font
from service.report_doc.model import Score

_LOCK = threading.Lock()  # pyplot's state machine is not thread-safe
_COLOR = "#2f6fba"
DPI = 160


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    font = find_cjk_font()
    font_manager.fontManager.addfont(str(font.path))
    name = font_manager.FontProperties(fname=str(font.path)).get_name()
    plt.rcParams["font.family"] = [name, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _wrap(label: str, width: int = 12) -> str:
    wide = any(ord(ch) > 0x2E7F for ch in label)
    return "\n".join(textwrap.wrap(label, width if wide else width * 2)[:3]) or label


def _png(fig: Any, plt: Any) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


def bar_chart(scores: list[Score], title: str) -> bytes:
    rows = [s for s in scores if s.value is not None]
    with _LOCK:
        plt = _plt()
        fig, ax = plt.subplots(figsize=(6.0, 0.45 * max(len(rows), 2) + 0.9))
        labels = [_wrap(s.label, 16) for s in rows][::-1]
        values = [float(s.value or 0) for s in rows][::-1]
        bars = ax.barh(labels, values, color=_COLOR, height=0.55)
        ax.bar_label(bars, labels=[f"{v:.0f}" for v in values], padding=3, fontsize=9)
        ax.set_xlim(0, 105)
        ax.axvline(75, color="#999999", linewidth=0.8, linestyle="--")
        ax.set_title(title, fontsize=12)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=9)
        return _png(fig, plt)


def radar_chart(scores: list[Score], title: str) -> bytes:
    rows = [s for s in scores if s.value is not None]
    if len(rows) < 3:
        return bar_chart(rows, title)
    with _LOCK:
        plt = _plt()
        angles = [2 * math.pi * i / len(rows) for i in range(len(rows))]
        values = [float(s.value or 0) for s in rows]
        fig = plt.figure(figsize=(6.2, 5.4))
        ax = fig.add_subplot(polar=True)
        ax.plot([*angles, angles[0]], [*values, values[0]], color=_COLOR, linewidth=1.6)
        ax.fill([*angles, angles[0]], [*values, values[0]], color=_COLOR, alpha=0.2)
        ax.set_xticks(angles)
        ax.set_xticklabels([_wrap(s.label) for s in rows], fontsize=8)
        ax.set_ylim(0, 100)
        ax.set_yticks([25, 50, 75, 100])
        ax.tick_params(axis="y", labelsize=7)
        ax.set_title(title, fontsize=12, pad=18)
        return _png(fig, plt)
