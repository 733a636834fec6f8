"""Titles and reference answers for the ids a report holds (knowledge entries, coding problems).

The builder asks a :class:`Catalog`; :class:`KnowledgeCatalog` answers from the knowledge base and
the coding-problem catalog the service already loaded. An id the catalog does not know gives None,
and the document then leaves the title out rather than printing the id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class EntryView(Protocol):
    key_points: Sequence[Any]  # each with .zh / .en

    def question(self, language: str) -> str: ...

    def answer(self, language: str) -> str: ...


class Catalog(Protocol):
    def entry(self, entry_id: str) -> EntryView | None: ...

    def problem_title(self, problem_id: str, language: str) -> str | None: ...


class EntrySource(Protocol):  # knowledge.base.KnowledgeBase
    def __contains__(self, entry_id: str) -> bool: ...

    def get(self, entry_id: str) -> Any: ...


class KnowledgeCatalog:
    def __init__(self, entries: EntrySource,
                 problem_titles: Mapping[str, tuple[str, str]]) -> None:
        self._entries = entries
        self._problems = problem_titles

    def entry(self, entry_id: str) -> EntryView | None:
        return self._entries.get(entry_id) if entry_id and entry_id in self._entries else None

    def problem_title(self, problem_id: str, language: str) -> str | None:
        titles = self._problems.get(problem_id)
        if titles is None:
            return None
        return titles[0] if language == "zh" else titles[1]


_CLAUSE_END = re.compile(r"[？?：:。；;！!]| — |，(?=.{12,})|, (?=.{30,})")
_MAX_WIDTH = 24.0  # in CJK character widths; a Latin character counts half


def short_title(entry: Any, question: str, language: str) -> str:
    """The entry's own title when it has one (``title_zh`` / ``title_en``), else the first clause
    of its question, cut at a word boundary: "Explain backpropagation and the chain rule"."""
    own = getattr(entry, f"title_{language}", None) if entry is not None else None
    if isinstance(own, str) and own.strip():
        return own.strip()
    head = _CLAUSE_END.split(question.strip(), maxsplit=1)[0].strip() or question.strip()
    if _width(head) <= _MAX_WIDTH:
        return head
    cut, width = "", 0.0
    for char in head:
        width += _width(char)
        if width > _MAX_WIDTH:
            break
        cut += char
    if " " in cut and not re.search(r"[\u4e00-\u9fff]$", cut):
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,，、(（") + "…"


def _width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else 0.5 for ch in text)
