"""``policeroom`` / ``python -m policeroom``: parse arguments, hand over to the window or the CLI."""

from __future__ import annotations

import sys

from policeroom.cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        from policeroom.cli.commands import run

        return run(args)
    from policeroom.qtcheck import qt_problem

    problem = qt_problem()  # Qt's own abort is English and uncatchable: check its libraries first
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from policeroom.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
