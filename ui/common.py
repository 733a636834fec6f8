"""Helpers shared by the pages: the client, error display, small formatting functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import streamlit as st

from ui.client import KaodaClient, KaodaError, Unauthorized, base_url_from_env
from ui.i18n import lang, t

T = TypeVar("T")
K = TypeVar("K")
TOKEN_KEY, USER_KEY = "auth_token", "auth_user"


@st.cache_resource(show_spinner=False)
def _client_for(base_url: str) -> KaodaClient:
    return KaodaClient(base_url)


def client() -> KaodaClient:
    """The client for this browser session: one pooled connection set per service URL
    (``KAODA_UI_API``) for the whole Streamlit server, with this session's login token."""
    return _client_for(base_url_from_env()).with_token(st.session_state.get(TOKEN_KEY))


@st.cache_data(ttl=30, show_spinner=False)
def _auth_mode(base_url: str) -> str:
    return _client_for(base_url).auth_mode()


def auth_mode() -> str:
    """``local`` (no login) or ``accounts``; ``local`` while the service cannot be reached."""
    try:
        return _auth_mode(base_url_from_env())
    except KaodaError:
        return "local"


def logged_in() -> bool:
    return bool(st.session_state.get(TOKEN_KEY))


def forget_login() -> None:
    for key in (TOKEN_KEY, USER_KEY):
        st.session_state.pop(key, None)


# The service's stable error names (and validation types) that have a message of their own here.
KNOWN_ERRORS = {"InterviewPaused": "err.paused", "InterviewClosed": "err.closed",
                "InterviewBusy": "err.busy", "string_too_long": "err.too_long",
                "SubmissionRejected": "err.code_rejected", "NoMatchingQuestion": "err.no_match"}


def error_message(exc: KaodaError) -> str:
    """The user's language, with the service's own explanation when nothing better is known."""
    for name in (exc.error, *exc.error_types):
        if name in KNOWN_ERRORS:
            limit = (limits() or {}).get("message_chars", "")
            return t(KNOWN_ERRORS[name], limit=limit, detail=exc.detail_zh or exc.detail)
    return exc.message(lang())


def show_error(exc: KaodaError) -> None:
    if isinstance(exc, Unauthorized) and logged_in():  # the login expired or was revoked
        forget_login()
        st.warning(t("auth.expired"), icon="🔒")
        return
    st.error(error_message(exc), icon="⚠️")


@st.cache_data(ttl=300, show_spinner=False)
def _limits(base_url: str) -> dict[str, Any]:
    return _client_for(base_url).limits()


def limits() -> dict[str, Any] | None:
    """The service's input limits (its single source of truth), or None while unreachable."""
    try:
        return _limits(base_url_from_env())
    except KaodaError:
        return None


def as_written(text: str | None) -> None:
    """The candidate's own words exactly as typed: no Markdown, no HTML ("3*3*64" stays)."""
    st.text(text or "", width="stretch")


def brain_label(brain: str | None) -> str:
    """Who spoke, in words: the built-in interviewer, or the LLM by its model name."""
    name = str(brain or "offline")
    fallback = name.endswith("(fallback)")
    if name.startswith("llm:"):
        return t("iv.brain_llm", model=name.removeprefix("llm:"))
    return t("iv.brain_fallback") if fallback else t("iv.brain_offline")


def call(fn: Callable[..., T], *args: Any, spinner: str | None = None, **kwargs: Any) -> T | None:
    """Run one client call; on failure show the translated message and return None."""
    try:
        if spinner:
            with st.spinner(spinner):
                return fn(*args, **kwargs)
        return fn(*args, **kwargs)
    except KaodaError as exc:
        show_error(exc)
        return None


@st.cache_data(ttl=600, show_spinner=False)
def cached_entry(base_url: str, entry_id: str) -> dict[str, Any]:
    return _client_for(base_url).entry(entry_id)


@st.cache_data(ttl=600, show_spinner=False)
def cached_problem(base_url: str, problem_id: str) -> dict[str, Any]:
    return _client_for(base_url).problem(problem_id)


def entry(entry_id: str) -> dict[str, Any] | None:
    return call(cached_entry, base_url_from_env(), entry_id)


def problem(problem_id: str) -> dict[str, Any] | None:
    return call(cached_problem, base_url_from_env(), problem_id)


def localized(item: dict[str, Any], field: str) -> str:
    """``item[field_zh]`` or ``item[field_en]`` for the UI language, falling back to the other."""
    first, second = ("zh", "en") if lang() == "zh" else ("en", "zh")
    return str(item.get(f"{field}_{first}") or item.get(f"{field}_{second}") or "")


def fmt_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.0f}"


def fmt_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def live_elapsed(item: dict[str, Any]) -> float:
    """An interview's time now: what the service counted, plus the running part since then (up to
    the service's idle cap, as the service itself counts it)."""
    counted = float(item.get("elapsed_s") or 0.0)
    since = item.get("clock_at")
    if not since or item.get("paused") or item.get("status") == "finished":
        return counted
    try:
        gap = (datetime.now(UTC) - datetime.fromisoformat(str(since))).total_seconds()
    except ValueError:
        return counted
    cap = float((limits() or {}).get("idle_cap_s") or gap)
    return counted + max(0.0, min(gap, cap))


def fmt_duration(seconds: float | None) -> str:
    total = int(seconds or 0)
    hours, rest = divmod(total, 3600)
    return (f"{hours}:" if hours else "") + f"{rest // 60:02d}:{rest % 60:02d}"


def distinct_labels(labels: dict[K, str]) -> dict[K, str]:
    """The same labels, the second and later of any repeated one numbered: "… (2)", "… (3)".

    Streamlit sends a selectbox choice back as its *label* and maps it to the last option with
    that label, so two interviews of one track begun in the same minute with the same score could
    not both be chosen: picking the first showed the other's report.
    """
    seen: dict[str, int] = {}
    distinct: dict[K, str] = {}
    for key, label in labels.items():
        seen[label] = seen.get(label, 0) + 1
        distinct[key] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return distinct


def choice(widget: Callable[..., Any], label: str, options: list[Any], *, state_key: str,
           default: Any = None, **kwargs: Any) -> Any:
    """A selectbox/radio whose labels depend on the UI language.

    Its widget key includes the language (labels change with it, so the widget is a new one),
    and the chosen *value* is kept under ``state_key`` so switching language keeps the choice.
    """
    current = st.session_state.get(state_key, default)
    index = options.index(current) if current in options else 0
    if "format_func" in kwargs:  # labels computed now, in this run's language
        labels = distinct_labels({option: str(kwargs["format_func"](option))
                                  for option in options})
        kwargs["format_func"] = labels.__getitem__
    value = widget(label, options, index=index, key=f"{state_key}_{lang()}", **kwargs)
    st.session_state[state_key] = value
    return value
