"""Helpers shared by the pages: the client, error display, small formatting functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import streamlit as st

from ui.client import KaodaClient, KaodaError, Unauthorized, base_url_from_env
from ui.i18n import lang, t

T = TypeVar("T")
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


def show_error(exc: KaodaError) -> None:
    if isinstance(exc, Unauthorized) and logged_in():  # the login expired or was revoked
        forget_login()
        st.warning(t("auth.expired"), icon="🔒")
        return
    st.error(exc.message(lang()), icon="⚠️")


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
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def choice(widget: Callable[..., Any], label: str, options: list[Any], *, state_key: str,
           default: Any = None, **kwargs: Any) -> Any:
    """A selectbox/radio whose labels depend on the UI language.

    Its widget key includes the language (labels change with it, so the widget is a new one),
    and the chosen *value* is kept under ``state_key`` so switching language keeps the choice.
    """
    current = st.session_state.get(state_key, default)
    index = options.index(current) if current in options else 0
    if "format_func" in kwargs:  # labels computed now, in this run's language
        labels = {option: str(kwargs["format_func"](option)) for option in options}
        kwargs["format_func"] = labels.__getitem__
    value = widget(label, options, index=index, key=f"{state_key}_{lang()}", **kwargs)
    st.session_state[state_key] = value
    return value
