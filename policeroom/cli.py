"""Headless subcommands (seed-demo, backup, upgrade ...). Messages in Chinese, exit code 0 on success."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policeroom.db import backup_sqlite, default_backup_dir, open_database, resolve_url
from policeroom.errors import DomainError


def _out(msg: str) -> None:
    print(msg, flush=True)


def run(args: argparse.Namespace) -> int:
    from policeroom.logsetup import setup_logging

    setup_logging()
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


def _seed_demo(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.services.context import ServiceContext
    from policeroom.services.demo import seed_demo

    result = seed_demo(
        ServiceContext(db.sessions), residents=args.residents, seed=args.seed,
        requests_per_year=getattr(args, "requests_per_year", 600),
    )
    _out(
        f"已填入演示数据：团队成员 {result.team} 名，网格 {result.grids} 个，居民 {result.residents} 人，"
        f"近两年群众求助 {result.requests} 件。\n"
        f"民警账户：{result.officer_username}，密码：{result.password}（演示用，请勿用于正式数据）"
    )
    return 0


def _backup(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    path = db.path
    if path is None:
        print("错误：只有 SQLite 数据库文件可以这样备份；PostgreSQL 请使用 pg_dump。", file=sys.stderr)
        return 1
    target = backup_sqlite(path, Path(args.output_dir) if args.output_dir else default_backup_dir(path), "manual")
    _out(f"已备份到：{target}")
    return 0


def _upgrade(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    # open_database already upgraded (after a backup); say what happened.
    if db.backups:
        _out(f"数据库已升级，升级前的备份：{db.backups[-1]}")
    else:
        _out("数据库已是最新版本。")
    return 0


_COMMANDS = {"seed-demo": _seed_demo, "backup": _backup, "upgrade": _upgrade}
