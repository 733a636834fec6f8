"""The `kaoda` CLI: kb search JSON and eval check exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from evaluators.catalog import get_problem

ROOT = Path(__file__).resolve().parents[2]


def cli_env() -> dict[str, str]:
    home = os.environ.get("KAODA_TEST_HOME", str(Path.home() / ".cache" / "kaoda-test"))
    return {**os.environ, "KAODA_HOME": home, "KAODA_SANDBOX__WORKERS": "1",
            "PYTHONPATH": str(ROOT)}


def _kaoda(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True,
                          text=True, env=cli_env(), timeout=300, check=False)


def test_kb_search_json() -> None:
    result = _kaoda("kb", "search", "beam search 和 greedy 的区别", "-k", "5", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == 5
    assert set(items[0]) == {"id", "score", "question_zh", "question_en", "kind"}
    assert items[0]["id"] == "decoding-strategies"


def test_kb_search_empty_query_is_usage_error() -> None:
    assert _kaoda("kb", "search", " ").returncode == 2


def test_eval_check_grades_and_exits_zero(tmp_path: Path) -> None:
    solution = tmp_path / "solution.py"
    solution.write_text(get_problem("path_tree").reference_source, encoding="utf-8")
    result = _kaoda("eval", "check", "path_tree", str(solution), "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["status"] == "passed" and body["problem_id"] == "path_tree"
    solution.write_text("def tree(paths):\n    return {}\n", encoding="utf-8")
    failed = _kaoda("eval", "check", "path_tree", str(solution), "--json")
    assert failed.returncode == 0 and json.loads(failed.stdout)["status"] == "failed"


def test_eval_check_unknown_problem_exits_two(tmp_path: Path) -> None:
    solution = tmp_path / "s.py"
    solution.write_text("x = 1\n", encoding="utf-8")
    result = _kaoda("eval", "check", "no_such_problem", str(solution), "--json")
    assert result.returncode == 2 and "no coding problem" in result.stderr


def test_eval_check_missing_file_exits_two() -> None:
    assert _kaoda("eval", "check", "nms", "/nonexistent/file.py").returncode == 2


def test_unknown_command_exits_two() -> None:
    assert _kaoda("frobnicate").returncode == 2
