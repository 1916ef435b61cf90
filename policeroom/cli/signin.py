"""The command line signs in: ``--user NAME`` and the password, so a command acts as that person.

The password is read from $POLICEROOM_PASSWORD (for scripts) or asked on the terminal (not echoed). The
command then runs with that account's permissions, and the history names the person. An encrypted file
cannot even be opened without it (or, for ``verify`` and ``restore``, the recovery key). A plain file
that has no account yet (before set-up) needs no sign-in: there is nobody to act as.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from policeroom.config import resolve_url, sqlite_path
from policeroom.db import Database, open_database
from policeroom.errors import AuthError, DatabaseLocked
from policeroom.models import AccountRole
from policeroom.services.core.context import Actor

ENV_PASSWORD = "POLICEROOM_PASSWORD"
ENV_USER = "POLICEROOM_USER"  # --user for scripts (an explicit --user wins)
SIGN_IN = f"请用 --user 用户名 登录（密码在终端输入，或用环境变量 {ENV_PASSWORD}）。"
#: Who acts when the recovery key opened the file (verify, restore): the officer's rights, by name.
RECOVERY_ACTOR = Actor(account_id=None, name="恢复密钥", role=AccountRole.officer)


def password_for(user: str) -> str:
    """The password from $POLICEROOM_PASSWORD, else asked on the terminal."""
    password = os.environ.get(ENV_PASSWORD)
    if password is not None:
        return password
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthError(f"没有终端可以输入密码：请在环境变量 {ENV_PASSWORD} 中给出 {user} 的密码。")
    try:
        return getpass.getpass(f"{user} 的密码：")
    except (EOFError, KeyboardInterrupt):
        raise AuthError("没有输入密码，已取消。") from None


def open_signed_in_cli(args: argparse.Namespace, *, program: str, create: bool) -> tuple[Database, Actor]:
    """The database of ``--db`` opened as ``--user`` (or by ``--recovery-key``).

    Raises:
        AuthError: no user given where one is needed, wrong name or password, disabled or locked.
        DomainError: the database cannot be opened.
    """
    from policeroom.vault.cipher import is_encrypted
    from policeroom.vault.signin import open_signed_in

    url = resolve_url(args.db)
    path = sqlite_path(url)
    recovery = getattr(args, "recovery_key", None)
    if recovery:
        return open_by_recovery_key(url, path, recovery, program), RECOVERY_ACTOR
    user = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if user:
        # The command line never encrypts a plain file on its own: the officer does so by signing in to
        # the window, which shows and prints the recovery key.
        signed = open_signed_in(url, user, password_for(user), program=program, create=create,
                                encrypt=False)
        return signed.db, signed.actor
    if path is not None and is_encrypted(path):
        raise DatabaseLocked(f"数据库 {path.name} 已加密，需要登录才能打开：{SIGN_IN}")
    db = open_database(url, program=program, create=create)
    if _has_accounts(db):
        db.close()
        raise AuthError(f"此数据库已有账户，命令行也要登录：{SIGN_IN}")
    from policeroom.services.core.exports import CLI_ACTOR

    return db, CLI_ACTOR


def open_by_recovery_key(url: str, path: Path | None, recovery: str, program: str) -> Database:
    from policeroom.vault.unlocked import Vault

    if path is None or not path.exists():
        raise AuthError("恢复密钥只用于本机的加密数据库文件。")
    vault = Vault.recover(path, recovery)
    if vault is None:
        raise AuthError("恢复密钥不正确（24个字符，例如 ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2）。")
    return open_database(url, program=program, create=False, vault=vault)


def _has_accounts(db: Database) -> bool:
    from sqlalchemy import func, select

    from policeroom.models import Account

    with db.sessions() as s:
        return bool(s.scalar(select(func.count()).select_from(Account)))
