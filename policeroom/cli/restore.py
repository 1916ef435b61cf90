"""``restore BACKUP``: put a checked backup in place of the database file (the current one kept aside).

An encrypted backup opens with the key file beside it (``BACKUP.keys``): by ``--user`` and the password
that person had when the backup was written, or by ``--recovery-key``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from policeroom.cli.common import fail, out
from policeroom.config import resolve_url, sqlite_path
from policeroom.dberrors import storage_step
from policeroom.errors import DomainError


def backup_key(backup: Path, args: argparse.Namespace) -> bytes | None:
    """The key of an encrypted backup (None for a plain one).

    Raises:
        AuthError: no user or recovery key given, or a wrong one.
        KeyFileInvalid: the key file beside the backup is missing or damaged.
    """
    from policeroom.cli.signin import SIGN_IN, password_for
    from policeroom.errors import AuthError
    from policeroom.vault.cipher import is_encrypted
    from policeroom.vault.keys import KeyFile, keys_path

    if not is_encrypted(backup) or not keys_path(backup).exists():
        return None  # plain, or not a database at all (the check says which)
    keys = KeyFile.load(keys_path(backup))
    if getattr(args, "recovery_key", None):
        key = keys.unlock_recovery(args.recovery_key)
        if key is None:
            raise AuthError("恢复密钥不正确（或不是写入这份备份时的恢复密钥）。")
        return key
    import os

    from policeroom.cli.signin import ENV_USER

    user = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not user:
        raise AuthError(f"备份已加密：{SIGN_IN[:-1]}，或用 --recovery-key 恢复密钥。")
    key = keys.unlock(user, password_for(user))
    if key is None:
        raise AuthError("用户名或密码不正确（备份用写入它时的密码打开）。")
    return key


def restore_cmd(args: argparse.Namespace) -> int:
    from policeroom.backups import restore_backup

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        return fail("只有 SQLite 数据库文件可以这样恢复；PostgreSQL 请使用 pg_restore。")
    backup = Path(args.backup).expanduser().resolve()
    if not backup.is_file():
        return fail(f"备份文件不存在：{backup}")
    try:
        key = backup_key(backup, args)
        with storage_step(f"恢复数据库 {path}"):
            aside = restore_backup(path, backup, key=key)
    except DomainError as e:
        return fail(e.message)
    out(f"已从备份恢复数据库：{path}")
    if aside is not None:
        out(f"恢复前的数据库已另存为：{aside}")
    return 0
