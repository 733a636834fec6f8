"""Before the interview: track, language, length, and an optional résumé with editable projects.

The interview language follows the UI language until the candidate picks one; a started (or
left) interview takes its résumé with it, so the next set-up starts empty. The file uploader's
built-in English ("Upload", "5MB per file") is replaced with the UI language's own words.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

import pandas as pd
import streamlit as st

from ui.common import call, choice, client, limits
from ui.i18n import KINDS as CLAIM_KINDS
from ui.i18n import LANGUAGES, LENGTHS, TRACKS, VAGUE_FLAGS, lang, name_of, one_language, t

RESUME_KEY, UPLOADED_KEY, VERSION_KEY = "resume", "resume_file_id", "claims_version"
UPLOADER_KEY = "resume_uploader_version"  # a new uploader widget once a résumé is forgotten
LANGUAGE_OF_UI = "setup_language_of_ui"  # the UI language the interview language last followed
TEXT_FIELDS = ["name", "role", "organization", "period", "task"]
LIST_FIELDS = ["methods", "data", "contribution"]
KINDS = ["project", "internship", "work", "competition", "paper", "research"]
MAX_RESUME_MB = 5  # shown until the service's own limit (GET /v1/limits) is known
UPLOAD_CAP_MB = 50


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


def forget_resume() -> None:
    """The résumé belongs to the interview that used it: the next set-up starts without one."""
    for key in (RESUME_KEY, UPLOADED_KEY):
        st.session_state.pop(key, None)
    st.session_state[UPLOADER_KEY] = st.session_state.get(UPLOADER_KEY, 0) + 1


def uploader_key() -> str:
    return f"resume_upload_{st.session_state.get(UPLOADER_KEY, 0)}"


def _uploader_words() -> None:
    """Streamlit's uploader speaks English ("Upload", "5MB per file • PDF…"): say it in the UI
    language instead (the built-in words are hidden, ours drawn in their place)."""
    size = int((limits() or {}).get("resume_bytes") or MAX_RESUME_MB * 2**20)
    limit = t("setup.resume_limit", mb=round(size / 2**20))
    button = t("setup.resume_button")
    st.html(f"""<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{
  content: "{limit}"; font-size: .85rem; color: #808495; }}
[data-testid="stFileUploaderDropzone"] button {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button * {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button::after {{ content: "{button}"; font-size: .9rem; }}
</style>""")


def _upload_resume() -> None:
    _uploader_words()
    # No ``type=`` and a generous cap: Streamlit would refuse other files in English; the size
    # is checked here against the service's limit, the format by the service (both languages).
    uploaded = st.file_uploader(t("setup.resume"), help=t("setup.resume_help"),
                                key=uploader_key(), max_upload_size=UPLOAD_CAP_MB)
    if uploaded is None:
        return
    if st.session_state.get(UPLOADED_KEY) == uploaded.file_id:
        return
    limit = int((limits() or {}).get("resume_bytes") or MAX_RESUME_MB * 1024 * 1024)
    if uploaded.size > limit:
        st.error(t("setup.too_big", mb=round(uploaded.size / 2**20, 1),
                   limit=round(limit / 2**20)), icon="⚠️")
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
        st.warning(one_language(warning))
    name = (resume.get("profile") or {}).get("name")
    if name:
        st.caption(t("setup.profile", name=name))
    st.markdown(f"**{t('setup.projects')}**")
    if not claims:
        st.info(t("setup.no_projects"))
    gaps = vague_by_project(claims)
    if gaps:
        st.caption(t("setup.vague", flags=gaps))
    frame = st.data_editor(claims_frame(claims), num_rows="dynamic", hide_index=True,
                           column_config=_column_config(), width="stretch",
                           key=f"claims_editor_{resume['id']}_{st.session_state.get(VERSION_KEY, 0)}")
    return claims_from_frame(frame, claims)


def vague_by_project(claims: list[dict[str, Any]]) -> str:
    """"推荐系统召回实验：没有说明数据、没写个人贡献；…": which project leaves what unsaid (a list
    of flags over all projects read as if every project lacked them)."""
    zh = lang() == "zh"
    items, sep = [], "、" if zh else ", "
    for claim in claims:
        flags = [name_of(VAGUE_FLAGS, f) for f in claim.get("vague_flags") or []]
        if flags:
            name = str(claim.get("name") or "").strip() or ("未命名项目" if zh else "unnamed project")
            items.append(f"{name}{'：' if zh else ': '}{sep.join(flags)}")
    return ("；" if zh else "; ").join(items)


def _save_claims(resume: dict[str, Any], claims: list[dict[str, Any]]) -> bool:
    if claims == list(resume.get("claims") or []):
        return True
    body = call(client().update_claims, resume["id"], claims, spinner=t("setup.analyzing"))
    if body is None:
        return False
    st.session_state[RESUME_KEY] = {**resume, **body}
    st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1
    return True


def _follow_ui_language() -> None:
    """Switching the UI language also switches the default interview language."""
    if st.session_state.get(LANGUAGE_OF_UI) != lang():
        st.session_state[LANGUAGE_OF_UI] = lang()
        st.session_state["setup_language"] = lang()


def render_setup() -> None:
    from ui.chat import DATA_KEY, INTERVIEW_KEY, refresh

    _follow_ui_language()
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
        forget_resume()
        st.session_state[INTERVIEW_KEY] = body["id"]
        st.session_state.pop(DATA_KEY, None)
        if refresh(body["id"]) is not None:
            st.rerun()
