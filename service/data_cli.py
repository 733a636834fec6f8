"""``kaoda db`` and ``kaoda data``: the schema, and one user's data, from the command line.

    kaoda db upgrade                     migrate the database to the newest revision
    kaoda db current                     print the revision in force
    kaoda data list [--user NAME]        one's résumés and interviews, with their ids
    kaoda data export [--user NAME] [-o FILE]
    kaoda data delete-resume ID [--user NAME]
    kaoda data delete-interview ID [--user NAME]
    kaoda data delete-account [--user NAME] --yes

They work on the database directly (no running service needed). In local mode the user is the
implicit one; in accounts mode ``--user`` names the account.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.config import Settings

EXIT_USAGE = 2


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from service.components import open_database_for
    from service.storage.migrate import current_revision

    db = open_database_for(settings)
    with db.engine.connect() as connection:
        print(f"database at revision {current_revision(connection)} (newest)")
    db.dispose()
    return 0


def _db_current(args: argparse.Namespace, settings: Settings) -> int:
    from service.components import open_database_for
    from service.storage.migrate import current_revision, head_revision

    db = open_database_for(settings, migrate=False)
    with db.engine.connect() as connection:
        now = current_revision(connection)
    db.dispose()
    print(f"{now or 'empty'} (newest: {head_revision()})")
    return 0


def _open(args: argparse.Namespace, settings: Settings):
    """(store, user, accounts service) for ``--user``; None after printing why not."""
    from service.account_service import AccountService
    from service.auth.store import UserStore
    from service.components import open_database_for
    from service.interview_store import InterviewStore
    from service.storage.tables import LOCAL_USER_ID

    db = open_database_for(settings)
    users = UserStore(db)
    if args.user:
        user = users.find_user(args.user.lower())
    elif settings.auth.mode == "local":
        user = users.get_user(LOCAL_USER_ID)
    else:
        print("error: accounts mode: name the account with --user NAME", file=sys.stderr)
        return None
    if user is None:
        print(f"error: no account named {args.user!r}", file=sys.stderr)
        return None
    store = InterviewStore(db)
    return store, user, AccountService(store, settings.auth.mode)


def _data_list(args: argparse.Namespace, settings: Settings) -> int:
    opened = _open(args, settings)
    if opened is None:
        return EXIT_USAGE
    store, user, _ = opened
    for r in store.list_resumes(user.id):
        print(f"resume     {r.id}  {r.created_at:%Y-%m-%d %H:%M}  {r.filename}")
    for i in store.list_interviews(user.id, limit=None):
        score = "—" if i.overall_score is None else f"{i.overall_score:.0f}"
        print(f"interview  {i.id}  {i.created_at:%Y-%m-%d %H:%M}  {i.track:<18} {i.status:<8} "
              f"{score}")
    return 0


def _data_export(args: argparse.Namespace, settings: Settings) -> int:
    opened = _open(args, settings)
    if opened is None:
        return EXIT_USAGE
    _, user, accounts = opened
    text = accounts.export(user).model_dump_json(indent=1)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        Path(args.output).chmod(0o600)
        print(f"exported to {args.output}")
    else:
        print(text)
    return 0


def _data_delete(args: argparse.Namespace, settings: Settings) -> int:
    from service.interview_store import NotFound

    opened = _open(args, settings)
    if opened is None:
        return EXIT_USAGE
    store, user, accounts = opened
    try:
        if args.what == "resume":
            store.delete_resume(user.id, args.id)
        elif args.what == "interview":
            store.delete_interview(user.id, args.id)
        elif not args.yes:
            print("error: this deletes the account and everything in it; add --yes",
                  file=sys.stderr)
            return EXIT_USAGE
        else:
            accounts.delete_everything(user)
    except NotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"deleted {args.what}{' ' + args.id if getattr(args, 'id', None) else ''}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="the database schema").add_subparsers(dest="db_cmd",
                                                                          required=True)
    db.add_parser("upgrade", help="migrate to the newest revision").set_defaults(
        func=_db_upgrade)
    db.add_parser("current", help="print the revision in force").set_defaults(func=_db_current)

    data = sub.add_parser("data", help="one user's data: list, export, delete").add_subparsers(
        dest="data_cmd", required=True)

    def command(name: str, helptext: str, func, what: str | None = None):
        parser = data.add_parser(name, help=helptext)
        parser.add_argument("--user", help="the account (accounts mode)")
        parser.set_defaults(func=func, what=what)
        return parser

    command("list", "list résumés and interviews with their ids", _data_list)
    command("export", "all of one's data as JSON", _data_export).add_argument(
        "-o", "--output", help="write to this file (mode 0600) instead of stdout")
    command("delete-resume", "delete one résumé", _data_delete, "resume").add_argument("id")
    command("delete-interview", "delete one interview and its turns", _data_delete,
            "interview").add_argument("id")
    command("delete-account", "delete the account and everything in it", _data_delete,
            "account").add_argument("--yes", action="store_true", help="really delete")
