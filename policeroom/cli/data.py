"""``seed-demo``, ``backup`` and ``upgrade``: the database itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from policeroom.cli.common import fail, out
from policeroom.db import backup_sqlite, default_backup_dir
from policeroom.dberrors import storage_step


def seed_demo_cmd(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.services.core.context import ServiceContext
    from policeroom.services.demo.seed import seed_demo

    result = seed_demo(
        ServiceContext(db.sessions), residents=args.residents, seed=args.seed,
        requests_per_year=getattr(args, "requests_per_year", 600),
    )
    out(
        f"已填入演示数据：团队成员 {result.team} 名，网格 {result.grids} 个，居民 {result.residents} 人，"
        f"近两年群众求助 {result.requests} 件，近一年矛盾纠纷 {result.disputes} 件（其中调解案件 {result.cases} 件），"
        f"近一年网格事件 {result.grid_events} 件、场所巡查 {result.inspections} 次。\n"
        f"民警账户：{result.officer_username}，密码：{result.password}（演示用，请勿用于正式数据）"
    )
    return 0


def backup(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    path = db.path
    if path is None:
        return fail("只有 SQLite 数据库文件可以这样备份；PostgreSQL 请使用 pg_dump。")
    folder = Path(args.output_dir) if args.output_dir else default_backup_dir(path)
    with storage_step(f"在 {folder} 写入备份"):
        target = backup_sqlite(path, folder, "manual")
    out(f"已备份到：{target}")
    return 0


def upgrade(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    # open_database already upgraded (after a backup); say what happened.
    if db.backups:
        out(f"数据库已升级，升级前的备份：{db.backups[-1]}")
    else:
        out("数据库已是最新版本。")
    return 0
