"""The ``kaoda`` command line.

    kaoda serve [--workers N]        start the API service (N processes, one database)
    kaoda db upgrade | current       the database schema (service.data_cli)
    kaoda data list|export|delete-*  one user's data (service.data_cli)
    kaoda kb setup-model             convert the bundled embedding model (once)
    kaoda kb build [--force]         build (or verify) the knowledge index
    kaoda kb search QUERY [-k 5] [--json]
    kaoda kb show ID
    kaoda eval list
    kaoda eval check PROBLEM_ID SOLUTION.py [--json]
    kaoda llm setup|serve|status|env|stop   the bundled local LLM (service.local_llm.cli)

Exit codes: 0 success (for ``eval check``: whenever the code could be graded, pass or fail),
1 an operational failure, 2 bad usage (unknown id, unreadable file).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from service.config import Settings

EXIT_USAGE = 2


def _kb_setup_model(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.embedder import open_embedder, resolve_model
    from service.components import model_spec

    started = time.perf_counter()
    spec = model_spec(settings)
    location, _ = resolve_model(spec)
    embedder = open_embedder(spec)  # the onnx runtime exports the folder here, once
    print(f"model {embedder.model_id} ready at {location} (runtime "
          f"{embedder.runtime}, {time.perf_counter() - started:.1f} s)")
    return 0


def _kb_build(args: argparse.Namespace, settings: Settings) -> int:
    from service.components import open_knowledge_base

    started = time.perf_counter()
    kb = open_knowledge_base(settings, force_rebuild=args.force)
    action = "built" if kb.rebuilt else "up to date"
    print(f"index {action}: {len(kb)} entries, {kb.index.meta['texts']} texts, "
          f"model {kb.model_id}, at {settings.index_dir} ({time.perf_counter() - started:.1f} s)")
    return 0


def _kb_search(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.errors import QueryError
    from service.components import open_knowledge_base

    kb = open_knowledge_base(settings)
    try:
        results = [r.as_dict() for r in kb.search(args.query, args.k)]
    except QueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for r in results:
            print(f"{r['score']:.3f}  {r['id']:<34} {r['question_zh']}")
    return 0


def _kb_show(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.errors import UnknownEntryError
    from knowledge.loader import load_entries

    entries = {e.id: e for e in load_entries()}
    if args.id not in entries:
        print(f"error: {UnknownEntryError(args.id)}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(entries[args.id].model_dump(), ensure_ascii=False, indent=1))
    return 0


def _eval_list(args: argparse.Namespace, settings: Settings) -> int:
    from evaluators.catalog import load_catalog

    for p in load_catalog().values():
        print(f"{p.id:<34} {p.difficulty:<7} {p.title_en} / {p.title_zh}")
    return 0


def _eval_check(args: argparse.Namespace, settings: Settings) -> int:
    from evaluators.catalog import UnknownProblemError, get_problem
    from evaluators.grader import SubmissionRejected, grade
    from service.components import start_sandbox

    try:
        problem = get_problem(args.problem_id)
        code = Path(args.solution).read_bytes()
    except (UnknownProblemError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if settings.sandbox.workers is None:
        settings.sandbox.workers = 1
    sandbox = start_sandbox(settings)
    try:
        result = grade(problem, code, sandbox)
    except SubmissionRejected as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        sandbox.close()
    if args.json:
        print(result.model_dump_json(indent=1))
    else:
        for t in result.tests:
            print(f"{'PASS' if t.passed else 'FAIL'}  {t.name}  {'' if t.passed else t.message}")
        print(f"{result.status}  score {result.score:.2f}  ({result.duration_ms:.0f} ms)")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import os

    import uvicorn

    from service.auth.listen import check_listen_address
    from service.components import open_database_for
    from service.main import create_app
    from service.observability import logging_config

    host, port = args.host or settings.api.host, args.port or settings.api.port
    workers = args.workers or settings.api.workers
    try:
        check_listen_address(settings.auth.mode, host)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    open_database_for(settings).dispose()  # migrate once, before any worker starts
    log_config = logging_config(settings.log.format, settings.log.level)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_config=log_config,
                    access_log=False)
        return 0
    # Worker processes build their own app from the environment (same settings).
    os.environ.update({"KAODA_API__HOST": host, "KAODA_API__PORT": str(port)})
    uvicorn.run("service.main:create_app", factory=True, host=host, port=port,
                workers=workers, log_config=log_config, access_log=False)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kaoda", description="Kaoda mock-interview service")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start the API service")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="processes (default KAODA_API__WORKERS, 1)")
    serve.set_defaults(func=_serve)

    from service.data_cli import register as register_data

    register_data(sub)

    kb = sub.add_parser("kb", help="knowledge base").add_subparsers(dest="kb_cmd", required=True)
    kb.add_parser("setup-model", help="convert the bundled model").set_defaults(
        func=_kb_setup_model)
    build = kb.add_parser("build", help="build the index")
    build.add_argument("--force", action="store_true", help="rebuild even if up to date")
    build.set_defaults(func=_kb_build)
    search = kb.add_parser("search", help="search the knowledge base")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=_kb_search)
    show = kb.add_parser("show", help="print one entry")
    show.add_argument("id")
    show.set_defaults(func=_kb_show)

    from service.local_llm.cli import register as register_llm

    register_llm(sub)

    ev = sub.add_parser("eval", help="coding problems").add_subparsers(dest="eval_cmd",
                                                                       required=True)
    ev.add_parser("list", help="list problems").set_defaults(func=_eval_list)
    check = ev.add_parser("check", help="grade a solution file")
    check.add_argument("problem_id")
    check.add_argument("solution")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=_eval_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args, Settings()))


if __name__ == "__main__":
    sys.exit(main())
