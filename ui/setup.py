"""Before the interview: track, language, length, and an optional résumé with editable projects."""

from __future__ import annotations

import numbers
import re
from typing import Any

import pandas as pd
import streamlit as st

from ui.chat import DATA_KEY, INTERVIEW_KEY, refresh
from ui.common import call, choice, client
from ui.i18n import KINDS as CLAIM_KINDS
from ui.i18n import LANGUAGES, LENGTHS, TRACKS, VAGUE_FLAGS, lang, name_of, t

RESUME_KEY, UPLOADED_KEY, VERSION_KEY = "resume", "resume_file_id", "claims_version"
TEXT_FIELDS = ["name", "role", "organization", "period", "task"]
LIST_FIELDS = ["methods", "data", "contribution"]
KINDS = ["project", "internship", "work", "competition", "paper", "research"]
MAX_RESUME_MB = 5  # the service refuses larger files
RESUME_TYPES = ["pdf", "docx", "md", "markdown", "txt"]


def claims_frame(claims: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for claim in claims:
        row = {field: claim.get(field) or "" for field in TEXT_FIELDS}
        row["kind"] = claim.get("kind") or "project"
        row.update({field: "; ".join(claim.get(field) or []) for field in LIST_FIELDS})
        row["metrics"] = "; ".join(m.get("raw", "") for m in claim.get("metrics") or [])
        rows.append(row)
    columns = ["name", "kind", "role", "organization", "period", "task", *LIST_FIELDS, "metrics"]
    return pd.DataFrame(rows, columns=columns).astype(object)


def _split(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [part.strip() for part in re.split(r"[;；\n]", value) if part.strip()]


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def claims_from_frame(frame: pd.DataFrame, original: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edited rows back into claim records; untouched facets (metrics, raw text) are kept."""
    claims = []
    for index, row in frame.iterrows():
        name = _text(row.get("name"))
        if name is None:
            continue
        position = int(index) if isinstance(index, numbers.Integral) else -1
        known = 0 <= position < len(original)
        claim = dict(original[position]) if known else {"metrics": [], "vague_flags": [],
                                                     "section": None}
        claim.update({field: _text(row.get(field)) for field in TEXT_FIELDS})
        claim["name"] = name
        claim["kind"] = row.get("kind") if row.get("kind") in KINDS else "project"
        claim.update({field: _split(row.get(field)) for field in LIST_FIELDS})
        if not known:
            claim["raw"] = " ".join(filter(None, [name, claim.get("task")]))
        claims.append(claim)
    return claims


def _column_config() -> dict[str, Any]:
    config: dict[str, Any] = {field: st.column_config.TextColumn(t(f"col.{field}"))
                              for field in [*TEXT_FIELDS, *LIST_FIELDS]}
    config["name"] = st.column_config.TextColumn(t("col.name"), required=True)
    labels: dict[Any, str] = {kind: name_of(CLAIM_KINDS, kind) for kind in KINDS}
    config["kind"] = st.column_config.SelectboxColumn(t("col.kind"), options=KINDS,
                                                      default="project",
                                                      format_func=labels.__getitem__)
    config["metrics"] = st.column_config.TextColumn(t("col.metrics"), disabled=True)
    return config


def _upload_resume() -> None:
    uploaded = st.file_uploader(t("setup.resume"), type=RESUME_TYPES, help=t("setup.resume_help"),
                                key="resume_upload", max_upload_size=MAX_RESUME_MB)
    if uploaded is None:
        return
    if st.session_state.get(UPLOADED_KEY) == uploaded.file_id:
        return
    body = call(client().upload_resume, uploaded.name, uploaded.getvalue(), uploaded.type,
                spinner=t("setup.analyzing"))
    st.session_state[UPLOADED_KEY] = uploaded.file_id
    if body is not None:
        st.session_state[RESUME_KEY] = body
        st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1


def _edited_claims(resume: dict[str, Any]) -> list[dict[str, Any]]:
    """Show the recognized projects in an editable table; return the edited claims."""
    claims = list(resume.get("claims") or [])
    for warning in resume.get("warnings") or []:
        st.warning(warning)
    name = (resume.get("profile") or {}).get("name")
    if name:
        st.caption(t("setup.profile", name=name))
    st.markdown(f"**{t('setup.projects')}**")
    if not claims:
        st.info(t("setup.no_projects"))
    flags = sorted({flag for claim in claims for flag in claim.get("vague_flags") or []})
    if flags:
        st.caption(t("setup.vague", flags="、".join(name_of(VAGUE_FLAGS, f) for f in flags)))
    frame = st.data_editor(claims_frame(claims), num_rows="dynamic", hide_index=True,
                           column_config=_column_config(), width="stretch",
                           key=f"claims_editor_{resume['id']}_{st.session_state.get(VERSION_KEY, 0)}")
    return claims_from_frame(frame, claims)


def _save_claims(resume: dict[str, Any], claims: list[dict[str, Any]]) -> bool:
    if claims == list(resume.get("claims") or []):
        return True
    body = call(client().update_claims, resume["id"], claims, spinner=t("setup.analyzing"))
    if body is None:
        return False
    st.session_state[RESUME_KEY] = {**resume, **body}
    st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1
    return True


def render_setup() -> None:
    st.title(t("setup.title"))
    st.markdown(t("setup.intro"))
    track_col, language_col, length_col = st.columns(3)
    track = choice(track_col.selectbox, t("setup.track"), list(TRACKS), state_key="setup_track",
                   format_func=lambda k: name_of(TRACKS, k))
    language = choice(language_col.radio, t("setup.language"), list(LANGUAGES),
                      state_key="setup_language", default=lang(), horizontal=True,
                      format_func=LANGUAGES.get)
    length = choice(length_col.selectbox, t("setup.length"), list(LENGTHS),
                    state_key="setup_length", default="standard",
                    format_func=lambda k: name_of(LENGTHS, k))
    _upload_resume()
    resume = st.session_state.get(RESUME_KEY)
    claims = _edited_claims(resume) if resume else []
    save_col, start_col = st.columns(2)
    saving = resume is not None and save_col.button(t("setup.save_projects"),
                                                    key="save_claims", icon="💾")
    if saving and resume is not None and _save_claims(resume, claims):
        st.toast(t("setup.saved"))
        st.rerun()
    if start_col.button(t("setup.start"), type="primary", key="start_interview", icon="🎤",
                        width="stretch"):
        if resume and not _save_claims(resume, claims):
            return
        body = call(client().start_interview, track, language, length,
                    resume["id"] if resume else None, spinner=t("setup.starting"))
        if body is None:
            return
        st.session_state[INTERVIEW_KEY] = body["id"]
        st.session_state.pop(DATA_KEY, None)
        if refresh(body["id"]) is not None:
            st.rerun()
