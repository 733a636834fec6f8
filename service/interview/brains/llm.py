"""The LLM brain: one directive in, one streamed interviewer line out, via any OpenAI-compatible
chat endpoint (vLLM, llama.cpp, Ollama, LM Studio, a hosted API) through the ``openai`` client.

Built for small local models (0.5B–1.5B), where prompt prefill dominates latency: the prompt
(:mod:`.prompts`) is ~200–400 tokens — a compact system prompt in the directive's language, one
task line, the engine's facts, and one ``<<<DATA … DATA>>>`` block holding everything the
candidate controls plus the offline brain's draft line, which the model adapts to the
candidate's words.

Output is cleaned while streaming (:class:`OutputFilter`): ``<think>`` blocks, a leading role
prefix ("面试官：", "Interviewer:"), markdown emphasis / headings / bullets are removed, and the
stream is cut where the model starts inventing the candidate's turn or echoing the prompt. The
first chunk is held back until it is long enough to judge; an empty, wrong-language or
prompt-echoing head raises :class:`BrainError`, as does any ``openai`` failure (mapped by
:func:`explain_error` to a message telling the operator what to fix).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletionMessageParam

from service.interview.brains.base import BrainError
from service.interview.brains.guard import LineGuard
from service.interview.brains.offline import render
from service.interview.brains.prompts import build_messages
from service.interview.directives import Directive

__all__ = ["DEFAULT_MAX_TOKENS", "LLMBrain", "OutputFilter", "build_messages", "explain_error"]

DEFAULT_MAX_TOKENS: dict[str, int] = {
    "greet_and_ask_intro": 100, "ask_project": 100, "drill_point": 120, "ask_concept": 120,
    "concept_follow_up": 120, "present_coding": 120, "coding_feedback": 160,
    "invite_questions": 60, "answer_candidate_question": 180, "close": 120, "refuse_skip": 100,
    "coding_talk": 120,
}
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
# A role or "draft" label, or a list number, before the line itself.
_PREFIX = re.compile(r"^\s*(?:(?:面试官说?|interviewer(?: says)?|assistant|kaoda|拷打|ai|draft|草稿"
                     r"|候选人的原话是?|面试官的这一句|改写后的台词|面试官要说|rewritten line|the interviewer's line"
                     r"(?: is)?|the interviewer is about to say)\s*[:：]\s*"
                     r"|\d[.、)]\s*)", re.I)
# Where the model starts inventing the candidate's turn, or echoes the prompt / data block.
_STOP = re.compile(r"\n\s*(?:候选人|面试者|用户|candidate|user|human)\s*[:：]|<<<|>>>|不可信|untrusted"
                   r"|(?:^|\n)\s*(?:kind|goal)\s*:", re.I)
_MARKDOWN = re.compile(r"\*\*|^[ \t]*#{1,6}[ \t]*|^[ \t]*[-*][ \t]+", re.M)
_HOLD = re.compile(r"(?:<[^>]{0,9}|\*+|#+|\n[^\n]{0,12}|>{1,2})$")  # maybe-partial markup
_STOP_WORDS = ("不可信", "untrusted", "<<<", ">>>")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"[。？！?!]|\.(?!\d)")
_QUESTION_MARK = re.compile(r"[?？]")
_QUOTES = {"「": "」", "“": "”", '"': '"', "『": "』"}
_MAX_HEAD = 160
# Lines that may say something of their own: a brief reply to the candidate's own question.
CONTENT_FREE_KINDS = frozenset({"answer_candidate_question"})


def _safe_end(text: str) -> int:
    """Where to cut a partial stream so no half-written markup or stop word is emitted."""
    hold = _HOLD.search(text)
    end, low = hold.start() if hold else len(text), text.lower()
    for word in _STOP_WORDS:
        k = next((k for k in range(len(word) - 1, 0, -1) if low.endswith(word[:k])), 0)
        end = min(end, len(text) - k)
    return len(text[:end].rstrip(" \t"))  # trailing blanks go out with the next word


def _wrong_language(text: str, language: str) -> bool:
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    if language == "zh":
        return cjk == 0 and latin >= 6
    return cjk > max(4, latin)


class OutputFilter:
    """Incrementally cleans streamed model text; ``feed`` returns what is safe to emit now."""

    def __init__(self, language: str, system_prompt: str, head_chars: int = 12,
                 guard: LineGuard | None = None, draft: str = "") -> None:
        self.language, self.head_chars, self.guard = language, head_chars, guard
        self._echo_probe = system_prompt[:16]
        self._draft_opens = draft.lstrip()[:1]
        self._wrapped: bool | None = None  # whether the line is wrapped in quotes, once known
        self.raw, self.sent, self.stopped = "", "", False

    def feed(self, piece: str) -> str:
        self.raw += piece
        return self._emit(final=False)

    def finish(self) -> str:
        out = self._emit(final=True)
        if not self.sent.strip():
            raise BrainError("the model returned no usable text (empty or only markup)")
        return out

    def _clean(self, final: bool) -> str:
        text = _THINK.sub("", self.raw)
        stray = text.find("</think>")  # template opened the think block: all before is reasoning
        text = text[stray + len("</think>"):] if stray >= 0 else text
        stop = _STOP.search(text)
        if stop:
            text, self.stopped = text[:stop.start()], True
        elif not final:
            text = text[:_safe_end(text)]
        text = _PREFIX.sub("", _MARKDOWN.sub("", text).lstrip(), count=1)
        return text.rstrip() if final or self.stopped else text

    def _head_ready(self, head: str, final: bool) -> bool:
        if final or self.stopped:
            return True
        if self.guard is not None and self.guard.expects_question():
            # Hold the line until its question: most lines are then checked whole, and a
            # failure still falls back before the candidate has seen anything.
            return _QUESTION_MARK.search(head) is not None or len(head) >= _MAX_HEAD
        return len(head) >= 40 or _SENTENCE_END.search(head, self.head_chars - 1) is not None

    def _emit(self, final: bool) -> str:
        text = self._clean(final)
        wrapped = self._wrapped
        if wrapped is None:  # tentative until the head goes out, then fixed
            wrapped = _is_wrapped(text, self._draft_opens)
        text = _unwrap(text) if wrapped else text
        if not self.sent:
            stripped = text.strip()
            if not stripped or not self._head_ready(stripped, final):
                return ""
            self._check_head(stripped, final or self.stopped or len(stripped) >= _MAX_HEAD)
            self._wrapped = wrapped
            if not (final or self.stopped) and self.guard is not None and \
                    self.guard.allowed_words is not None:
                ends = [m.end() for m in _SENTENCE_END.finditer(text)]
                text = text[:ends[-1]] if ends else text  # the rest is checked as the tail
        elif self.guard is not None and (self.guard.secret_grams
                                         or self.guard.allowed_words is not None):
            text = self._guarded_tail(text, final)
        if not text.startswith(self.sent):
            return ""
        new, self.sent = text[len(self.sent):], text
        return new

    def _guarded_tail(self, text: str, final: bool) -> str:
        """After the head, release whole sentences only, and none from the first that leaks."""
        assert self.guard is not None
        if not (final or self.stopped):
            ends = [m.end() for m in _SENTENCE_END.finditer(text, len(self.sent))]
            text = text[:ends[-1]] if ends else self.sent
        if self.guard.leaks(text) or self.guard.states_content(text) or \
                self.guard.echoes_prompt(text):
            self.stopped = True  # the rest would reveal or explain: end the line before it
            return self.sent
        return text

    def _check_head(self, head: str, final: bool) -> None:
        if self._echo_probe and self._echo_probe in head:
            raise BrainError("the model echoed the system prompt; use an instruction-tuned model")
        if _wrong_language(head, self.language):
            raise BrainError(f"the model answered in the wrong language (wanted {self.language}): "
                             f"{head[:40]!r}")
        if self.guard is not None:
            self.guard.check(head, final)


def _is_wrapped(text: str, draft_opens: str) -> bool:
    """Whether the model wrapped the whole line in quotes (「…」, "…"): the line opens with a
    quote the draft does not open with, and that quote is not closed before the line's end (so
    「LoRA」的 rank… keeps its quotes)."""
    opener = text[:1]
    closer = _QUOTES.get(opener)
    if closer is None or opener == draft_opens:
        return False
    end = _matching_close(text, opener, closer)
    return not 0 < end < len(text.rstrip()) - 1


def _unwrap(text: str) -> str:
    """``text`` without its wrapping quotes (the closing one only once it has arrived)."""
    closer = _QUOTES.get(text[:1])
    if closer is None:
        return text
    end = _matching_close(text, text[0], closer)
    return text[1:] if end < 0 else text[1:end] + text[end + 1:]


def _matching_close(text: str, opener: str, closer: str) -> int:
    """Index of the quote that closes ``text[0]``, or -1 if it is not closed yet."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == closer and (i > 0 or opener != closer):
            depth -= 1
            if depth == 0:
                return i
        elif ch == opener:
            depth += 1
    return -1


def explain_error(exc: Exception, base_url: object, model: str) -> str:
    """An operator-facing message for an ``openai`` (or stream-parsing) failure."""
    where = f"LLM server at {base_url}"
    if isinstance(exc, openai.APITimeoutError):
        return (f"{where} timed out (model {model!r}): use a smaller/faster model, raise "
                "KAODA_LLM__TIMEOUT_S, or check KAODA_LLM__BASE_URL")
    if isinstance(exc, openai.APIConnectionError):
        return (f"cannot connect to the {where}: is the server running? check "
                "KAODA_LLM__BASE_URL (usually ends in /v1)")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return f"{where} refused the credentials (HTTP {exc.status_code}): check KAODA_LLM__API_KEY"
    if isinstance(exc, openai.NotFoundError):
        return (f"{where} answered 404 for model {model!r}: check KAODA_LLM__MODEL (see GET "
                "/v1/models) and that KAODA_LLM__BASE_URL ends in /v1")
    if isinstance(exc, openai.APIStatusError):
        kind = "server error" if exc.status_code >= 500 else "rejected the request"
        return (f"{where} {kind} (HTTP {exc.status_code}: {str(exc.message)[:160]}): check the "
                f"server logs and KAODA_LLM__MODEL={model!r}")
    if isinstance(exc, ValueError | openai.APIResponseValidationError):
        return (f"malformed response stream from the {where} ({type(exc).__name__}: "
                f"{str(exc)[:120]}): is KAODA_LLM__BASE_URL an OpenAI-compatible endpoint?")
    return f"{where} failed ({type(exc).__name__}: {str(exc)[:160]})"


def delta_text(chunk: Any) -> str:
    """The text content of one streamed chunk, tolerating servers that omit fields."""
    pieces = []
    for choice in getattr(chunk, "choices", None) or []:
        content = getattr(getattr(choice, "delta", None), "content", None)
        if isinstance(content, str):
            pieces.append(content)
    return "".join(pieces)


class LLMBrain:
    """Streams the interviewer's line from an OpenAI-compatible chat endpoint."""

    def __init__(self, client: openai.OpenAI, model: str, *,
                 max_tokens_by_kind: Mapping[str, int] | None = None,
                 temperature: float = 0.4, style: str = "directive") -> None:
        self.client, self.model, self.temperature = client, model, temperature
        self.style = style  # "rewrite" for small local models (see .prompts)
        self.max_tokens = {**DEFAULT_MAX_TOKENS, **(max_tokens_by_kind or {})}
        self.name = f"llm:{model}"

    def speak(self, directive: Directive) -> Iterator[str]:
        draft = render(directive)  # the offline line: in the prompt, and the filter's reference
        messages = build_messages(directive, self.style, draft)
        guard = LineGuard(directive)
        if directive.extra.get("body"):  # a planned answer (反问): say it, add nothing
            guard.require(str(directive.extra["body"]))
        if directive.kind not in CONTENT_FREE_KINDS or directive.extra.get("body"):
            guard.allow(draft, directive.candidate_text, directive.quote, directive.question,
                        directive.project_name, directive.technique, directive.contradiction,
                        " ".join(directive.asks), directive.problem_title, directive.failing_test,
                        directive.failing_message)
        filt = OutputFilter(directive.language, messages[0]["content"], guard=guard, draft=draft)
        try:
            stream = self.client.chat.completions.create(
                model=self.model, messages=cast(list[ChatCompletionMessageParam], messages),
                stream=True, max_tokens=self.max_tokens.get(directive.kind, 120),
                temperature=self.temperature)
            with stream:
                for chunk in stream:
                    out = filt.feed(delta_text(chunk))
                    if out:
                        yield out
                    if filt.stopped:
                        break
        except (openai.OpenAIError, ValueError) as exc:
            raise BrainError(explain_error(exc, self.client.base_url, self.model)) from exc
        tail = filt.finish()
        if tail:
            yield tail

