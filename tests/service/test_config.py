"""Settings: env prefix, nested groups, and where each embedding setup keeps its index."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.config import Settings


def test_nested_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KAODA_HOME", str(tmp_path))
    monkeypatch.setenv("KAODA_KB__RUNTIME", "torch")
    monkeypatch.setenv("KAODA_LLM__MODEL", "qwen")
    settings = Settings()
    assert settings.home == tmp_path and settings.kb.runtime == "torch"
    assert settings.llm.model == "qwen"


def test_int8_index_lives_apart(tmp_path: Path) -> None:
    fp32 = Settings(home=tmp_path)
    int8 = Settings(home=tmp_path, kb={"precision": "int8"})
    torch = Settings(home=tmp_path, kb={"runtime": "torch"})
    assert fp32.index_dir == torch.index_dir  # same vectors, same index
    assert int8.index_dir != fp32.index_dir


def test_bad_runtime_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAODA_KB__RUNTIME", "tensorrt")
    with pytest.raises(ValueError, match="runtime"):
        Settings()
