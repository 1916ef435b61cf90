"""Running one subcommand: open the database, dispatch, turn a domain error into ``错误：…`` and an exit code."""

from __future__ import annotations

import argparse
import logging
import sys

from policeroom.cli import activities, data, export, import_, printing, report, roster, tips, verify
from policeroom.cli.signin import open_signed_in_cli
from policeroom.dberrors import save_failed_message, server_unreachable
from policeroom.errors import DomainError
from policeroom.services.core.context import SYSTEM

log = logging.getLogger(__name__)
#: Commands that may create the database file when it does not exist yet.
CREATING = ("seed-demo", "upgrade")

_COMMANDS = {
    "seed-demo": data.seed_demo_cmd, "backup": data.backup, "upgrade": data.upgrade,
    "print": lambda db, a: (tips.print_tip if a.form.startswith("tip-") else printing.print_form)(db, a),
    "export": lambda db, a: (tips.export_tips if a.what == "tips" else export.export)(db, a),
    "report": lambda db, a: (tips.report_rewards if a.kind == "rewards" else report.run_report)(db, a),
    "roster": roster.run_roster,
    "import": import_.run_import, "verify": verify.verify, "certificate": activities.certificate_cmd,
}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from policeroom.logsetup import setup_logging

    try:
        setup_logging()
        if args.command == "self-check":
            from policeroom.cli.selfcheck import self_check

            return self_check()
        if args.command == "restore":  # replaces the file: never opened (nor upgraded) as a database first
            from policeroom.cli.restore import restore_cmd

            return restore_cmd(args)
        program = f"policeroom {args.command}"
        if args.command == "seed-demo" and not getattr(args, "user", None):  # needs no sign-in: it creates the accounts
            db, args.actor = data.open_for_seed(args, program), SYSTEM
        else:
            # Only these two may create a database; any other command on a mistyped path says so.
            db, args.actor = open_signed_in_cli(args, program=program, create=args.command in CREATING)
    except DomainError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2
    try:
        return _COMMANDS[args.command](db, args)
    except DomainError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 1
    except Exception as e:
        message = _below_the_program(e, db)
        if message is None:
            raise
        print(f"错误：{message}", file=sys.stderr)
        return 1
    finally:
        db.close()


def _below_the_program(e: Exception, db) -> str | None:  # noqa: ANN001 - Database
    """A full or failing disk, or a server gone away, as one Chinese sentence (else None: a bug)."""
    from policeroom.db import server_label

    message = save_failed_message(e)
    if message is None and db.path is None:
        gone = server_unreachable(e, server_label(db.url))
        message = gone.message if gone is not None else None
    if message is not None:
        log.warning("command %s failed: %s", db.display_name, e)
    return message
