"""``seed-demo``, ``backup`` and ``upgrade``: the database itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from policeroom.cli.common import fail, out
from policeroom.db import backup_sqlite, default_backup_dir
from policeroom.dberrors import storage_step


def open_for_seed(args: argparse.Namespace, program: str):  # noqa: ANN201 - Database
    """A new file is created encrypted (its key slots are added once the demo accounts exist); a plain
    file without accounts is seeded as it is; any other file needs ``--user``."""
    from policeroom.cli.signin import open_signed_in_cli
    from policeroom.config import resolve_url, sqlite_path
    from policeroom.db import open_database
    from policeroom.vault.unlocked import Vault

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is not None and (not path.exists() or path.stat().st_size == 0):
        with storage_step(f"创建数据库文件 {path}"):
            path.parent.mkdir(parents=True, exist_ok=True)
            vault = Vault.create(path)
        try:
            return open_database(url, program=program, vault=vault)
        except BaseException:
            if not path.exists() or path.stat().st_size == 0:
                vault.keys_path.unlink(missing_ok=True)
            raise
    return open_signed_in_cli(args, program=program, create=True)[0]


def seed_demo_cmd(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.services.core.context import ServiceContext
    from policeroom.services.demo.seed import seed_demo

    result = seed_demo(
        ServiceContext(db.sessions, args.actor), residents=args.residents, seed=args.seed,
        requests_per_year=getattr(args, "requests_per_year", 600),
    )
    out(
        f"已填入演示数据：团队成员 {result.team} 名，网格 {result.grids} 个，居民 {result.residents} 人，"
        f"近两年群众求助 {result.requests} 件，近一年矛盾纠纷 {result.disputes} 件（其中调解案件 {result.cases} 件），"
        f"近一年网格事件 {result.grid_events} 件、场所巡查 {result.inspections} 次。\n"
        f"民警账户：{result.officer_username}，密码：{result.password}（演示用，请勿用于正式数据）"
    )
    if db.vault is not None:
        recovery = _demo_slots(db, result.password)
        out(f"数据库已加密。恢复密钥：{recovery}（演示用；正式数据库的恢复密钥在设置时显示并打印一次）")
    return 0


def _demo_slots(db, password: str) -> str:  # noqa: ANN001 - Database
    """Every demo account's password opens the encrypted demo file; a recovery key too."""
    from sqlalchemy import select

    from policeroom.models import Account

    with db.sessions() as s:
        accounts = s.execute(select(Account.id, Account.username).where(Account.active.is_(True))
                             .order_by(Account.id)).all()  # the officer first: --demo tries that slot
    for account_id, username in accounts:
        db.vault.set_password(account_id, username, password)
    return db.vault.new_recovery_key()


def backup(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    path = db.path
    if path is None:
        return fail("只有 SQLite 数据库文件可以这样备份；PostgreSQL 请使用 pg_dump。")
    folder = Path(args.output_dir) if args.output_dir else default_backup_dir(path)
    with storage_step(f"在 {folder} 写入备份"):
        target = backup_sqlite(path, folder, "manual", vault=db.vault)
    out(f"已备份到：{target}")
    return 0


def upgrade(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    # open_database already upgraded (after a backup); say what happened.
    if db.backups:
        out(f"数据库已升级，升级前的备份：{db.backups[-1]}")
    else:
        out("数据库已是最新版本。")
    return 0
