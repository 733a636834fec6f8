"""The local LLM's plumbing without a model: assembly and checksums, the server wrapper, the CLI.

(The real model and server are exercised in ``test_local_llm_live.py``.)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from service.config import Settings
from service.local_llm import assemble as assembly
from service.local_llm.catalog import DEFAULT_LOCAL_MODEL, LOCAL_MODELS, LocalModel, get_model
from service.local_llm.errors import (
    ChecksumMismatchError,
    ModelPartsMissingError,
    ServerStartError,
)
from service.local_llm.server import (
    LocalServer,
    ServerSpec,
    default_threads,
    is_loopback,
    read_state,
)

PARTS = [b"GGUF" + bytes(range(256)) * 40, b"second part" * 300, b"tail"]


def _fake_model(parts: list[bytes], sha: str | None = None) -> LocalModel:
    joined = b"".join(parts)
    return LocalModel(name="tiny", title="Tiny test model", version="1.0",
                      packages=tuple(f"tiny-part{i}" for i in range(1, len(parts) + 1)),
                      size=len(joined), sha256=sha or hashlib.sha256(joined).hexdigest())


@pytest.fixture
def installed_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    paths = []
    for i, data in enumerate(PARTS, start=1):
        path = tmp_path / "site" / f"tiny_part{i}" / "data" / f"part{i:02d}.bin"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        paths.append(path)
    lookup = {f"tiny-part{i}": p for i, p in enumerate(paths, start=1)}

    def fake_part_path(package: str, version: str) -> Path:
        if package not in lookup:
            raise ModelPartsMissingError(f"model part package {package} is not installed; "
                                         "run `kaoda llm setup`")
        return lookup[package]

    monkeypatch.setattr(assembly, "part_path", fake_part_path)
    return paths


def test_catalog_pins_exact_versions_and_checksums() -> None:
    assert DEFAULT_LOCAL_MODEL in LOCAL_MODELS
    for model in LOCAL_MODELS.values():
        assert len(model.sha256) == 64 and model.size > 100_000_000
        assert all(r.endswith(f"=={model.version}") for r in model.requirements())
    with pytest.raises(ValueError, match="choose one of"):
        get_model("llama-70b")


def test_assembles_parts_in_order_and_verifies(installed_parts, tmp_path: Path) -> None:
    model = _fake_model(PARTS)
    seen: list[tuple[int, int]] = []
    path = assembly.assemble(model, tmp_path / "llm", lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == b"".join(PARTS)
    assert seen[-1] == (model.size, model.size)
    assert not list((tmp_path / "llm").glob("*.partial"))
    assert assembly.assemble(model, tmp_path / "llm") == path  # reused, re-verified


def test_wrong_parts_are_refused_and_nothing_is_left(installed_parts, tmp_path: Path) -> None:
    model = _fake_model(PARTS, sha="0" * 64)
    with pytest.raises(ChecksumMismatchError, match="not the pinned ones"):
        assembly.assemble(model, tmp_path / "llm")
    assert not list((tmp_path / "llm").iterdir())


def test_a_file_changed_after_assembly_is_refused(installed_parts, tmp_path: Path) -> None:
    model = _fake_model(PARTS)
    path = assembly.assemble(model, tmp_path / "llm")
    data = bytearray(path.read_bytes())
    data[10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ChecksumMismatchError, match="kaoda llm setup"):
        assembly.assemble(model, tmp_path / "llm")


def test_missing_part_package_says_how_to_fix(installed_parts, tmp_path: Path) -> None:
    model = _fake_model([*PARTS, b"x"])  # a fourth part that is not installed
    with pytest.raises(ModelPartsMissingError, match="kaoda llm setup"):
        assembly.assemble(model, tmp_path / "llm")
    assert not assembly.parts_installed(model)


def test_real_part_lookup_checks_the_pinned_version() -> None:
    with pytest.raises(ModelPartsMissingError, match="not installed"):
        assembly.part_path("kaoda-no-such-part-package", "1.0")
    with pytest.raises(ModelPartsMissingError, match=r"pinned to 0\.0\.1"):
        assembly.part_path("pyyaml", "0.0.1")  # installed, at another version


def test_server_only_on_loopback(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    with pytest.raises(ServerStartError, match="loopback"):
        LocalServer(ServerSpec(tmp_path / "m.gguf", "tiny", host="0.0.0.0"), tmp_path)


def test_server_that_exits_reports_its_log(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    spec = ServerSpec(tmp_path / "m.gguf", "tiny", port=1)  # nothing listens on port 1
    server = LocalServer(spec, tmp_path)
    crash = [sys.executable, "-c", "import sys; print('model file is corrupt'); sys.exit(3)"]
    monkeypatch.setattr(ServerSpec, "command", lambda self: crash)
    with pytest.raises(ServerStartError, match=r"(?s)exited with code 3.*model file is corrupt"):
        server.start(timeout_s=20)
    assert read_state(tmp_path) is None


def test_command_uses_the_alias_and_leaves_cores_for_the_service(tmp_path: Path) -> None:
    command = ServerSpec(tmp_path / "m.gguf", "qwen2.5-coder-0.5b", port=8123).command()
    assert command[1:3] == ["-m", "llama_cpp.server"]
    assert command[command.index("--model_alias") + 1] == "qwen2.5-coder-0.5b"
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8123"
    threads = int(command[command.index("--n_threads") + 1])
    assert threads == default_threads() and 1 <= threads <= max(1, (os.cpu_count() or 2) // 2)


def test_cli_status_and_env(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    from service.cli import main

    monkeypatch.setenv("KAODA_HOME", str(tmp_path))
    assert main(["llm", "status", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["default_model"] == DEFAULT_LOCAL_MODEL and info["server"] is None
    assert set(info["models"]) == set(LOCAL_MODELS)
    code = main(["llm", "env"])
    out = capsys.readouterr().out
    if code == 0:  # the extra is installed here: the service is pointed at the local server
        assert f"KAODA_LLM__BASE_URL=http://127.0.0.1:{Settings().local_llm.port}/v1" in out
        assert "KAODA_LLM__PROFILE=small" in out
    else:
        assert out == ""
    assert main(["llm", "stop"]) == 0
    assert "no detached" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["llm", "serve", "--model", "llama-70b"])  # not in the catalog


def test_the_runtime_is_built_portably_and_never_from_the_wheel_cache(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A -march=native build on a CPU with AMX compiles llama.cpp's AMX kernels; a VM that does
    not grant AMX kills the server with a general-protection fault (seen on a Xeon with
    amx_tile). The build is AVX2 on x86_64, and pip's cached wheel (keyed on the source, not the
    flags) is never reused."""
    from service.local_llm import installer

    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.delenv("CMAKE_ARGS", raising=False)
    monkeypatch.setattr(installer.subprocess, "call",
                        lambda command, env: calls.append((command, env)) or 0)
    installer.pip_install([installer.RUNTIME_REQUIREMENT])
    installer.pip_install(["some-part==1.0"])
    (runtime, env), (part, _) = calls
    assert "--no-cache-dir" in runtime and "--no-cache-dir" not in part
    assert env["CMAKE_ARGS"] == installer.BUILD_FLAGS and "-DLLAVA_BUILD=OFF" in env["CMAKE_ARGS"]
    if installer.platform.machine().lower() in ("x86_64", "amd64"):
        assert "-DGGML_NATIVE=OFF" in installer.BUILD_FLAGS
