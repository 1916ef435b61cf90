"""``restore BACKUP``: put a checked backup in place of the database file (the current one kept aside)."""

from __future__ import annotations

import argparse
from pathlib import Path

from policeroom.cli.common import fail, out
from policeroom.config import resolve_url, sqlite_path
from policeroom.dberrors import storage_step
from policeroom.errors import DomainError


def restore_cmd(args: argparse.Namespace) -> int:
    from policeroom.backups import restore_backup

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        return fail("只有 SQLite 数据库文件可以这样恢复；PostgreSQL 请使用 pg_restore。")
    backup = Path(args.backup).expanduser().resolve()
    if not backup.is_file():
        return fail(f"备份文件不存在：{backup}")
    try:
        with storage_step(f"恢复数据库 {path}"):
            aside = restore_backup(path, backup)
    except DomainError as e:
        return fail(e.message)
    out(f"已从备份恢复数据库：{path}")
    if aside is not None:
        out(f"恢复前的数据库已另存为：{aside}")
    return 0
