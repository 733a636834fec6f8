"""``kaoda db`` and ``kaoda data``, and ``kaoda serve``'s refusal to expose local mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from service.interview.state import InterviewState
from service.interview_store import InterviewStore
from service.storage.db import open_database
from service.storage.tables import LOCAL_USER_ID

ROOT = Path(__file__).resolve().parents[2]


def _kaoda(db: Path, *args: str, mode: str = "local") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAODA_DB__URL": f"sqlite:///{db}", "KAODA_AUTH__MODE": mode,
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False)


def test_serve_refuses_a_public_address_in_local_mode(tmp_path: Path) -> None:
    result = _kaoda(tmp_path / "k.db", "serve", "--host", "0.0.0.0", "--port", "8601")
    assert result.returncode == 2
    assert "local mode" in result.stderr and "KAODA_AUTH__MODE=accounts" in result.stderr


def test_db_upgrade_then_list_export_and_delete(tmp_path: Path) -> None:
    db_path = tmp_path / "k.db"
    upgraded = _kaoda(db_path, "db", "upgrade")
    assert upgraded.returncode == 0 and "0003" in upgraded.stdout
    assert db_path.stat().st_mode & 0o777 == 0o600
    db = open_database(f"sqlite:///{db_path}")
    store = InterviewStore(db)
    resume = store.save_resume(LOCAL_USER_ID, "cv.md", "markdown", "李明 13800000000", [], {})
    interview = store.create_interview(
        LOCAL_USER_ID, track="cv-intern", language="zh", length="short", stage="intro",
        resume_id=resume.id,
        state=InterviewState(track="cv-intern", language="zh", length="short").model_dump(),
        opening={"role": "interviewer", "stage": "intro", "kind": "greet_and_ask_intro",
                 "content": "你好"})
    db.dispose()
    listed = _kaoda(db_path, "data", "list")
    assert resume.id in listed.stdout and interview.id in listed.stdout
    out = tmp_path / "export.json"
    assert _kaoda(db_path, "data", "export", "-o", str(out)).returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["resumes"][0]["text"] == "李明 13800000000"
    assert exported["interviews"][0]["turns"][0]["content"] == "你好"
    assert _kaoda(db_path, "data", "delete-interview", interview.id).returncode == 0
    assert _kaoda(db_path, "data", "delete-interview", interview.id).returncode == 2
    assert _kaoda(db_path, "data", "delete-account").returncode == 2  # needs --yes
    assert _kaoda(db_path, "data", "delete-account", "--yes").returncode == 0
    assert _kaoda(db_path, "data", "list").stdout.strip() == ""
    assert b"13800000000" not in db_path.read_bytes()
    assert _kaoda(db_path, "data", "list", mode="accounts").returncode == 2  # needs --user
