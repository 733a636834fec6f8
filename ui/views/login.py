"""Page (accounts mode only): log in, or create an account."""

from __future__ import annotations

import streamlit as st

from ui.common import TOKEN_KEY, USER_KEY, call, client
from ui.i18n import t


def _form(kind: str) -> None:
    with st.form(f"{kind}_form"):
        username = st.text_input(t("auth.username"), key=f"{kind}_username",
                                 help=t("auth.username_help"))
        password = st.text_input(t("auth.password"), type="password", key=f"{kind}_password",
                                 help=t("auth.password_help") if kind == "register" else None)
        submitted = st.form_submit_button(t(f"auth.{kind}"), type="primary")
    if not submitted:
        return
    if not username.strip() or not password:
        st.warning(t("auth.missing"))
        return
    if kind == "register":
        if call(client().register, username.strip(), password,
                spinner=t("auth.working")) is None:
            return
        st.success(t("auth.registered"))
    token = call(client().login, username.strip(), password, spinner=t("auth.working"))
    if token is not None:
        st.session_state[TOKEN_KEY] = token
        st.session_state[USER_KEY] = username.strip().lower()
        st.rerun()


def render() -> None:
    st.title(t("auth.title"))
    st.markdown(t("auth.intro"))
    login_tab, register_tab = st.tabs([t("auth.login"), t("auth.register")])
    with login_tab:
        _form("login")
    with register_tab:
        _form("register")


render()
