"""Exceptions raised by the knowledge base.

    KnowledgeError
    ├── EntryValidationError   a data file is malformed (names the file and the field)
    ├── UnknownEntryError      an id that is not in the knowledge base
    ├── QueryError             an empty or over-long search query
    └── ModelUnavailableError  the embedding model cannot be loaded offline
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base class of every knowledge-base error."""


class EntryValidationError(KnowledgeError):
    """A file under ``knowledge/data`` does not match the schema."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        joined = "\n  ".join(problems)
        super().__init__(f"{path}:\n  {joined}")


class UnknownEntryError(KnowledgeError, LookupError):
    """The id does not name any entry."""

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(
            f"no knowledge-base entry with id {entry_id!r}; "
            "search with /v1/knowledge/search or `kaoda kb search` to find ids"
        )


class QueryError(KnowledgeError, ValueError):
    """A search query that cannot be answered (empty or too long)."""


class ModelUnavailableError(KnowledgeError):
    """The configured embedding model is missing; the message says how to install it."""
