"""Running one subcommand: open the database, dispatch, turn a domain error into ``错误：…`` and an exit code."""

from __future__ import annotations

import argparse
import sys

from policeroom.cli import data, export, printing, report
from policeroom.db import open_database, resolve_url
from policeroom.errors import DomainError

_COMMANDS = {
    "seed-demo": data.seed_demo_cmd, "backup": data.backup, "upgrade": data.upgrade,
    "print": printing.print_form, "export": export.export, "report": report.run_report,
}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from policeroom.logsetup import setup_logging

    setup_logging()
    if args.command == "self-check":
        from policeroom.cli.selfcheck import self_check

        return self_check()
    try:
        db = open_database(resolve_url(args.db), program=f"policeroom {args.command}")
    except DomainError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2
    try:
        return _COMMANDS[args.command](db, args)
    except DomainError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 1
    finally:
        db.close()
