"""The brain seam: turning a :class:`Directive` into the interviewer's words.

Two interchangeable implementations sit behind :class:`Brain`:

* :class:`~service.interview.brains.offline.OfflineBrain` — deterministic templates built from
  the directive (knowledge-base follow-ups, claim records, evaluator messages). Instant, no LLM.
* :class:`~service.interview.brains.llm.LLMBrain` — any OpenAI-compatible chat endpoint through
  the ``openai`` client, streaming, with the directive's grounding data in the prompt.

``speak`` yields text chunks (a brain that cannot stream yields one chunk). A brain raises
:class:`BrainError` when it cannot answer (timeout, HTTP error, empty or unusable output); the
engine then asks the offline brain, so a candidate's turn is never lost, and the turn records
which brain spoke.

Judges grade answers the same way: :class:`Judge` returns an ``AnswerGrade``; the LLM judge must
produce validated JSON and falls back to the deterministic rubric.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from service.interview.directives import Directive


class BrainError(Exception):
    """The brain could not produce a usable reply; the message says why (for logs)."""


class Brain(Protocol):
    name: str

    def speak(self, directive: Directive) -> Iterator[str]: ...
