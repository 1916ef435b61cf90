"""Signing in opens the database: the password unwraps the key, then the account service checks it.

One path for the window and the command line:

* an encrypted file: the account's slot gives the key (a wrong name or password: the same sentence and
  the same time as the service's), the file opens, then ``accounts.authenticate`` checks the account
  (disabled, locked, lock-out count, history) as for any database;
* a plain file (from before the upgrade): it opens as before; when the officer signs in, it is
  encrypted on the spot (policeroom/vault/convert.py) and the recovery key is handed back to be shown;
* a database server (PostgreSQL): encryption at rest is the server's job; sign-in as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policeroom.config import sqlite_path
from policeroom.errors import AuthError
from policeroom.models import AccountRole
from policeroom.services.core.context import Actor
from policeroom.vault import cipher
from policeroom.vault.unlocked import Vault

if TYPE_CHECKING:
    from policeroom.db import Database
    from policeroom.vault.convert import Converted

log = logging.getLogger(__name__)


@dataclass
class SignedIn:
    db: Database
    actor: Actor
    converted: Converted | None = None  # the plain file was encrypted just now (show the recovery key)


def unlock(path: Path, username: str, password: str) -> Vault:
    """The key of the encrypted file at ``path`` from the account's slot.

    Wrong passwords count in the slot while the database is closed: after MAX_FAILED in a row the
    account is locked for LOCK_MINUTES, as the account service does once the database is open (the
    same sentences; an unknown name gets the same answer and time as a wrong password).

    Raises:
        AuthError: wrong name or password, or locked.
        KeyFileInvalid: the key file is missing or damaged.
    """
    from datetime import datetime, timedelta

    from policeroom.services.core import clock
    from policeroom.services.people.accounts import LOCK_MINUTES, MAX_FAILED, WRONG
    from policeroom.vault.keys import KeyFile, keys_path

    kf = KeyFile.load(keys_path(path))
    now = clock.now()
    slots = kf.account_slots(username)
    locked = max((datetime.fromisoformat(s.locked_until) for s in slots if s.locked_until), default=None)
    if locked is not None and locked > now:
        kf.unlock("", password)  # the time of a real check
        raise AuthError(f"连续{MAX_FAILED}次密码错误，账户已锁定，请于 {locked:%H:%M} 后再试，或请社区民警解锁。")
    key = kf.unlock(username, password)
    if slots and (key is None or any(s.failed or s.locked_until for s in slots)):
        for s in slots:  # counted (or cleared) in the file, written whole
            s.failed = 0 if key is not None else s.failed + 1
            s.locked_until = ""
            if s.failed >= MAX_FAILED:
                s.failed, s.locked_until = 0, (now + timedelta(minutes=LOCK_MINUTES)).isoformat()
        kf.save(keys_path(path))
        if key is None:
            log.warning("sign-in to the encrypted file failed for account %s", slots[0].account_id)
        if key is None and slots[0].locked_until:
            raise AuthError(f"连续{MAX_FAILED}次密码错误，账户已锁定{LOCK_MINUTES}分钟"
                            f"（至 {datetime.fromisoformat(slots[0].locked_until):%H:%M}）。")
    if key is None:
        raise AuthError(WRONG)
    return Vault(path, key)


def open_signed_in(url: str, username: str, password: str, *, program: str, create: bool = False,
                   encrypt: bool = True) -> SignedIn:
    """Open the database at ``url`` as ``username``.

    Raises:
        AuthError: wrong name or password, disabled or locked account (nothing stays open).
        DomainError: the database cannot be opened (missing, too new, in use, key file lost).
    """
    from policeroom.db import open_database
    from policeroom.services.registry import Services

    path = sqlite_path(url)
    vault = unlock(path, username, password) if path is not None and cipher.is_encrypted(path) else None
    db = open_database(url, program=program, create=create, vault=vault)
    try:
        actor = Services(db.sessions).accounts.authenticate(username, password)
        converted = None
        if encrypt and vault is None and path is not None and actor.role == AccountRole.officer:
            db, converted = encrypt_open(db, actor, username, password)
        return SignedIn(db, actor, converted)
    except BaseException:
        db.close()
        raise


def encrypt_open(db: Database, actor: Actor, username: str, password: str) -> tuple[Database, Converted]:
    """Encrypt the open plain database (keeping its lock) and reopen it with the new key."""
    from policeroom.backups import default_backup_dir
    from policeroom.db import open_database
    from policeroom.dberrors import storage_step
    from policeroom.services.registry import Services
    from policeroom.vault.convert import encrypt_database

    path = db.path
    assert path is not None and actor.account_id is not None
    room_name = Services(db.sessions).settings.get().room_name
    db.engine.dispose()  # no connection may stay open on the plain file
    with storage_step(f"加密数据库 {path}", unchanged="数据库没有加密，保持原样；"):
        converted = encrypt_database(path, account_id=actor.account_id, username=username, password=password,
                                     room_name=room_name, backup_dir=default_backup_dir(path))
    new = open_database(db.url, lock=False, upgrade=False, vault=converted.vault)
    new.lock, new.backups = db.lock, db.backups
    return new, converted
