"""Resource limits for parsing untrusted résumé files (plain values: callers may override them;
this package never reads the environment)."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class ExtractLimits:
    max_bytes: int = 5 * MIB  # raw upload
    max_chars: int = 60_000  # normalized text is cut here (``truncated`` is set)
    max_pdf_pages: int = 50
    time_budget_s: float = 10.0  # PDF text extraction wall time
    max_zip_members: int = 1_000
    max_unzipped_bytes: int = 50 * MIB  # sum of declared member sizes
    max_zip_ratio: float = 100.0  # uncompressed / compressed, for members above ratio_floor
    ratio_floor_bytes: int = 1 * MIB  # small members may legitimately compress very well


DEFAULT_LIMITS = ExtractLimits()
