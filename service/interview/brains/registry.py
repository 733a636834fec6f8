"""Picking brains and judges by name, and speaking with an offline safety net.

:func:`build_brain` / :func:`build_judge` turn plain config values (the service passes
``KAODA_LLM__*`` settings down; nothing here reads the environment) into a :class:`Brain` or a
:class:`Judge`. The ``openai`` client is built with a short timeout and one retry.

:class:`FallbackSpeech` is how a turn is spoken: it pulls and validates the primary brain's first
chunk *before* the caller starts streaming (the LLM brain itself holds its first chunk back until it
has checked it), so a failure up to that point is invisible — the fallback brain's line is
streamed instead. A failure in the middle of the stream cannot be taken back (text has already
reached the client), so the fallback's line is appended after a short separator. Either way
``brain`` becomes ``"offline (fallback)"``, ``errors`` says why and ``text`` is everything sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import openai

from service.interview.brains.base import Brain, BrainError
from service.interview.brains.judge import GraderLike, Judge, LLMJudge, RubricJudge
from service.interview.brains.llm import LLMBrain
from service.interview.brains.offline import OfflineBrain
from service.interview.directives import Directive

BrainKind = Literal["offline", "llm"]
JudgeKind = Literal["rubric", "llm"]
_SEPARATOR = {"zh": "……\n", "en": "…\n"}


def make_client(base_url: str, api_key: str | None, timeout_s: float) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s,
                         max_retries=1)


def _require(base_url: str | None, model: str | None, what: str) -> tuple[str, str]:
    if not base_url or not model:
        raise ValueError(f"the llm {what} needs an OpenAI-compatible endpoint: set "
                         "KAODA_LLM__BASE_URL (e.g. http://127.0.0.1:8080/v1) and KAODA_LLM__MODEL")
    return base_url, model


def build_brain(kind: BrainKind | str, *, base_url: str | None = None, model: str | None = None,
                api_key: str | None = None, timeout_s: float = 30.0,
                max_tokens_by_kind: dict[str, int] | None = None,
                temperature: float = 0.4, style: str = "directive") -> Brain:
    """``style="rewrite"``: the small-model prompt (see :mod:`.prompts`)."""
    if kind == "offline":
        return OfflineBrain()
    if kind == "llm":
        url, name = _require(base_url, model, "brain")
        return LLMBrain(make_client(url, api_key, timeout_s), name,
                        max_tokens_by_kind=max_tokens_by_kind, temperature=temperature,
                        style=style)
    raise ValueError(f"unknown brain {kind!r}: choose 'offline' or 'llm'")


def build_judge(kind: JudgeKind | str, *, rubric: GraderLike, base_url: str | None = None,
                model: str | None = None, api_key: str | None = None, timeout_s: float = 30.0,
                retries: int = 2, compact: bool = False) -> Judge:
    """``rubric`` is the deterministic grader: the judge itself, or the LLM judge's fallback.

    ``compact``: the small-model verdict (per-point hits only, schema-constrained; see
    :mod:`.judge`), for local llama.cpp models.
    """
    fallback = rubric if isinstance(rubric, RubricJudge) else RubricJudge(rubric)
    if kind in ("rubric", "offline"):
        return fallback
    if kind == "llm":
        url, name = _require(base_url, model, "judge")
        return LLMJudge(make_client(url, api_key, timeout_s), name, fallback, retries=retries,
                        compact=compact)
    raise ValueError(f"unknown judge {kind!r}: choose 'rubric' or 'llm'")


class FallbackSpeech:
    """One turn: stream ``primary``'s line, or ``fallback``'s if the primary fails.

    Constructing it blocks until the primary's first usable chunk (or its failure), so ``brain``
    is already right for the common cases when streaming starts; iterate once to get the chunks.
    """

    def __init__(self, primary: Brain, fallback: Brain, directive: Directive) -> None:
        self.primary, self.fallback, self.directive = primary, fallback, directive
        self.brain = primary.name
        self.errors: list[str] = []
        self.mid_stream = False
        self.text = ""
        self._started = False
        self._gen: Iterator[str] = iter(())
        self._first = self._pull_first()

    @property
    def fell_back(self) -> bool:
        return bool(self.errors)

    def _fail(self, exc: Exception) -> None:
        why = str(exc) if isinstance(exc, BrainError) else f"{type(exc).__name__}: {exc}"
        self.errors.append(f"{self.primary.name}: {why}")
        self.brain = f"{self.fallback.name} (fallback)"
        self.close()

    def _pull_first(self) -> str | None:
        try:  # any exception, not only BrainError: a bug in a brain must not lose the turn
            self._gen = iter(self.primary.speak(self.directive))
            for chunk in self._gen:
                if chunk.strip():
                    return chunk
            raise BrainError("the brain produced no text")
        except Exception as exc:
            self._fail(exc)
            return None

    def _sent(self, chunk: str) -> str:
        self.text += chunk
        return chunk

    def __iter__(self) -> Iterator[str]:
        if self._started:
            return
        self._started = True
        if self._first is None:
            for chunk in self.fallback.speak(self.directive):
                yield self._sent(chunk)
            return
        yield self._sent(self._first)
        try:
            for chunk in self._gen:
                yield self._sent(chunk)
        except Exception as exc:
            self._fail(exc)
            self.mid_stream = True
            yield self._sent(_SEPARATOR.get(self.directive.language, "\n"))
            for chunk in self.fallback.speak(self.directive):
                yield self._sent(chunk)
        finally:
            self.close()

    def close(self) -> None:
        """Release the primary's stream (call it if you stop iterating early)."""
        close = getattr(self._gen, "close", None)
        if close is not None:
            close()


def speak_with_fallback(primary: Brain, fallback: Brain, directive: Directive) -> FallbackSpeech:
    """Start a turn (see :class:`FallbackSpeech`); iterate the result to stream it."""
    return FallbackSpeech(primary, fallback, directive)


def speak_text(primary: Brain, fallback: Brain, directive: Directive) -> tuple[str, str]:
    """Non-streaming convenience: ``(full text, which brain spoke)``."""
    speech = speak_with_fallback(primary, fallback, directive)
    for _ in speech:
        pass
    return speech.text, speech.brain
