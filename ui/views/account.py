"""Page: one's own data — download all of it, delete a résumé, delete everything."""

from __future__ import annotations

import streamlit as st

from ui.common import auth_mode, call, client, fmt_date, forget_login
from ui.i18n import t


def _resumes() -> None:
    st.subheader(t("acct.resumes"))
    resumes = call(client().resumes)
    if not resumes:
        st.caption(t("acct.no_resumes"))
        return
    for resume in resumes:
        name_col, button_col = st.columns([4, 1], vertical_alignment="center")
        name_col.markdown(f"**{resume['filename']}** · {fmt_date(resume['created_at'])} · "
                          + t("acct.projects", n=resume["projects"]))
        if button_col.button(t("acct.delete"), key=f"delete_resume_{resume['id']}", icon="🗑️") \
                and call(client().delete_resume, resume["id"]):
            st.toast(t("acct.resume_deleted"))
            st.rerun()


def _export() -> None:
    st.subheader(t("acct.export"))
    st.caption(t("acct.export_help"))
    data = call(client().export, spinner="…")
    if data is not None:
        st.download_button(t("acct.download"), data, file_name="kaoda-export.json",
                           mime="application/json", icon="⬇️", key="download_export")


def _delete_everything(accounts: bool) -> None:
    st.subheader(t("acct.danger"))
    st.caption(t("acct.delete_account_help") if accounts else t("acct.delete_all_help"))
    sure = st.checkbox(t("acct.confirm"), key="confirm_delete_all")
    label = t("acct.delete_account") if accounts else t("acct.delete_all")
    if st.button(label, type="primary", disabled=not sure, key="delete_all", icon="⚠️") \
            and call(client().delete_me):
        if accounts:
            forget_login()
        st.session_state.pop("confirm_delete_all", None)
        st.toast(t("acct.deleted"))
        st.rerun()


def render() -> None:
    st.title(t("nav.account"))
    accounts = auth_mode() == "accounts"
    if accounts:
        me = call(client().me)
        if me is not None:
            st.caption(t("acct.user", name=me["username"], date=fmt_date(me["created_at"])))
    else:
        st.caption(t("acct.local"))
    _export()
    st.divider()
    _resumes()
    st.divider()
    _delete_everything(accounts)


render()
