"""``kaoda llm``: set up, serve, inspect and stop the bundled local LLM.

    kaoda llm setup [--model NAME] [--no-install]   install/build what is missing, assemble, verify
    kaoda llm serve [--model NAME] [--port N] [--detach]
    kaoda llm status [--json]
    kaoda llm env                                    shell lines pointing the service at it
    kaoda llm stop                                   stop a detached server
"""

from __future__ import annotations

import argparse
import importlib
import json
import shlex
import sys
import time
from pathlib import Path

from service.config import Settings
from service.local_llm.assemble import assemble, parts_installed
from service.local_llm.catalog import LOCAL_MODELS, LocalModel, get_model
from service.local_llm.errors import LocalLLMError
from service.local_llm.installer import install_missing, require_runtime, runtime_problem
from service.local_llm.server import (
    LocalServer,
    ServerSpec,
    read_state,
    serving_alias,
    stop_detached,
)


class _Progress:
    """Prints ``assembling … 40%`` lines, at most one per 10 %."""

    def __init__(self, what: str) -> None:
        self.what, self.shown = what, -1

    def __call__(self, done: int, total: int) -> None:
        tenth = min(10, done * 10 // max(total, 1))
        if tenth != self.shown:
            self.shown = tenth
            print(f"    {self.what} {tenth * 10:3d}%  ({done >> 20} / {total >> 20} MiB)",
                  flush=True)


def _model(args: argparse.Namespace, settings: Settings) -> LocalModel:
    return get_model(getattr(args, "model", None) or settings.local_llm.model)


def _model_file(model: LocalModel, settings: Settings) -> Path:
    """The verified model file; assembly shows progress, a re-check one line."""
    if not (settings.local_llm_dir / model.filename).is_file():
        return assemble(model, settings.local_llm_dir, _Progress(f"assembling {model.filename}"))
    started = time.perf_counter()
    path = assemble(model, settings.local_llm_dir)
    print(f"    {model.filename}: sha256 verified ({time.perf_counter() - started:.1f} s)")
    return path


def server_spec(model: LocalModel, path: Path, settings: Settings,
                port: int | None = None) -> ServerSpec:
    local = settings.local_llm
    return ServerSpec(path, model.name, local.host, port or local.port, local.n_ctx, local.threads)


def _setup(args: argparse.Namespace, settings: Settings) -> int:
    model = _model(args, settings)
    started = time.perf_counter()
    if not args.no_install:
        install_missing(model, parts_installed(model))
        importlib.invalidate_caches()  # let this process see what pip just installed
    require_runtime()
    path = _model_file(model, settings)
    print(f"==> {model.title} ready at {path} (sha256 verified, "
          f"{time.perf_counter() - started:.0f} s); start it with `kaoda llm serve`")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    model = _model(args, settings)
    require_runtime()
    spec = server_spec(model, _model_file(model, settings), settings, args.port)
    server = LocalServer(spec, settings.local_llm_dir)
    print(f"==> starting llama.cpp with {model.title} on {spec.base_url}", flush=True)
    started = time.perf_counter()
    server.start(settings.local_llm.startup_timeout_s)
    print(f"==> ready in {time.perf_counter() - started:.1f} s: KAODA_LLM__BASE_URL="
          f"{spec.base_url} KAODA_LLM__MODEL={model.name}", flush=True)
    if args.detach:
        return 0
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        server.stop()


def status(settings: Settings) -> dict[str, object]:
    state = read_state(settings.local_llm_dir)
    models = {}
    for name, model in LOCAL_MODELS.items():
        file = settings.local_llm_dir / model.filename
        models[name] = {"title": model.title, "parts_installed": parts_installed(model),
                        "assembled": str(file) if file.is_file() else None}
    running = None
    if state:
        url = f"http://{state['host']}:{state['port']}/v1"
        running = {"pid": state["pid"], "base_url": url, "alias": state["alias"],
                   "ready": state["alias"] in (serving_alias(url) or [])}
    return {"runtime_problem": runtime_problem(), "default_model": settings.local_llm.model,
            "models": models, "server": running}


def _status(args: argparse.Namespace, settings: Settings) -> int:
    info = status(settings)
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    print(f"runtime: {info['runtime_problem'] or 'llama-cpp-python ready'}")
    for name, m in info["models"].items():  # type: ignore[attr-defined]
        mark = "*" if name == info["default_model"] else " "
        where = m["assembled"] or ("parts installed" if m["parts_installed"] else "not installed")
        print(f" {mark} {name:<20} {where}")
    server = info["server"]
    print(f"server: {json.dumps(server) if server else 'not running'}")
    return 0


def _env(args: argparse.Namespace, settings: Settings) -> int:
    """Shell lines for the service, only when the local LLM is installed (else nothing)."""
    model = _model(args, settings)
    if runtime_problem() or not parts_installed(model):
        return 1
    spec = server_spec(model, settings.local_llm_dir / model.filename, settings)
    print(f"export KAODA_LLM__BASE_URL={shlex.quote(spec.base_url)}")
    print(f"export KAODA_LLM__MODEL={shlex.quote(model.name)}")
    print("export KAODA_LLM__PROFILE=small")
    return 0


def _stop(args: argparse.Namespace, settings: Settings) -> int:
    stopped = stop_detached(settings.local_llm_dir)
    print("==> local LLM server stopped" if stopped else "no detached local LLM server running")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    llm = sub.add_parser("llm", help="the bundled local LLM (llama.cpp)").add_subparsers(
        dest="llm_cmd", required=True)
    names = sorted(LOCAL_MODELS)
    setup = llm.add_parser("setup", help="install/build what is missing, assemble and verify")
    setup.add_argument("--model", choices=names)
    setup.add_argument("--no-install", action="store_true", help="never run pip")
    setup.set_defaults(func=_guard(_setup))
    serve = llm.add_parser("serve", help="start the local server on loopback, wait until ready")
    serve.add_argument("--model", choices=names)
    serve.add_argument("--port", type=int)
    serve.add_argument("--detach", action="store_true", help="leave it running and exit")
    serve.set_defaults(func=_guard(_serve))
    st = llm.add_parser("status", help="what is installed and running")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=_guard(_status))
    env = llm.add_parser("env", help="print KAODA_LLM__* exports when the local LLM is installed")
    env.add_argument("--model", choices=names)
    env.set_defaults(func=_guard(_env))
    llm.add_parser("stop", help="stop a detached server").set_defaults(func=_guard(_stop))


def _guard(command):
    """Local-LLM failures print their message (which says how to fix them) and exit 1."""
    def run(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return int(command(args, settings))
        except (LocalLLMError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return run
