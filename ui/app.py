"""Kaoda's Streamlit entry point: ``streamlit run ui/app.py``.

The service URL comes from ``KAODA_UI_API`` (default ``http://127.0.0.1:8000``). The sidebar
holds the 中文/English switch (it re-renders the whole UI) and the service status. The UI
language is also kept in the address (``?lang=en``), so a reload keeps it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts only ui/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui.client import KaodaError  # noqa: E402
from ui.common import (  # noqa: E402
    USER_KEY,
    auth_mode,
    call,
    client,
    forget_login,
    logged_in,
    show_error,
)
from ui.i18n import LANG_KEY, LANGUAGES, t  # noqa: E402

log = logging.getLogger("kaoda.ui")
st.set_page_config(page_title="拷打 Kaoda", page_icon="🔥", layout="wide")


def _language_from_address() -> None:
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get("lang")
        st.session_state[LANG_KEY] = wanted if wanted in LANGUAGES else "zh"


def _sidebar() -> None:
    with st.sidebar:
        st.markdown("### 🔥 拷打 Kaoda")
        st.caption(t("app.title"))
        _language_from_address()
        st.segmented_control(t("app.language"), list(LANGUAGES), format_func=LANGUAGES.__getitem__,
                             key=LANG_KEY, required=True)
        st.query_params["lang"] = st.session_state[LANG_KEY]
        try:
            ready = client().ready()
        except KaodaError as exc:
            if exc.status == 503:
                st.info(t("app.service_starting"))
            else:
                show_error(exc)
        else:
            st.caption("🟢 " + t("app.service_ok", entries=ready.get("entries", "?")))
            brain = str(ready.get("brain") or "offline")
            if brain.startswith("llm:"):
                st.caption("🧠 " + t("app.brain_llm", model=brain.removeprefix("llm:")))
            else:
                st.caption("🧠 " + t("app.brain_offline"))
        if logged_in():
            _account_box()


def _account_box() -> None:
    st.divider()
    st.caption("👤 " + t("auth.signed_in", name=st.session_state.get(USER_KEY, "?")))
    if st.button(t("auth.logout"), key="logout", icon="🚪"):
        call(client().logout)
        forget_login()
        st.rerun()


def _pages() -> list:
    if auth_mode() == "accounts" and not logged_in():  # accounts mode: log in first
        return [st.Page("views/login.py", title=t("nav.login"), icon="🔑", default=True,
                        url_path="login")]
    return [
        st.Page("views/interview.py", title=t("nav.interview"), icon="🎤", default=True,
                url_path="interview"),
        st.Page("views/review.py", title=t("nav.review"), icon="📊", url_path="review"),
        st.Page("views/practice.py", title=t("nav.practice"), icon="📚", url_path="practice"),
        st.Page("views/account.py", title=t("nav.account"), icon="🗂️", url_path="account"),
    ]


_sidebar()
pages = _pages()
try:
    st.navigation(pages).run()
except KaodaError as exc:  # pages handle these themselves; this is the last line of defence
    show_error(exc)
except Exception as exc:  # never show a traceback: log it, tell the user in their language
    log.exception("UI error")
    st.error(t("app.unexpected", error=type(exc).__name__), icon="⚠️")
