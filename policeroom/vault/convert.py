"""An existing plain database turned into an encrypted one, at the officer's first sign-in after the
upgrade (the officer knows a password, and the recovery key can be shown and printed at once).

Nothing can be lost on the way; at every step either the plain file or a checked encrypted copy is whole:

1. the key file is written beside the plain file (a plain file beside a key file opens as plain: the
   file's header, not the key file, says whether it is encrypted);
2. the plain file's -wal is folded in, and ``sqlcipher_export`` copies everything (schema, rows, FTS5
   tables, the Alembic stamp) into a temporary encrypted file in one read transaction;
3. the copy is checked: ``PRAGMA integrity_check`` and the row count of every table equal to the plain
   file's;
4. a checked encrypted backup of it is written to the backups folder, with the key file beside it;
5. the plain -wal/-shm go and the encrypted file takes the plain file's name in one rename.

The plain backups written before (upgrade, daily, manual) are encrypted the same way, each checked
before it replaces its plain original.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from policeroom.services.core.files import atomic_write, make_private, replace_with, temp_beside
from policeroom.vault import cipher
from policeroom.vault.keys import KEY_BYTES, KeyFile, key_check, keys_path
from policeroom.vault.unlocked import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Converted:
    vault: Vault
    recovery_key: str
    backup: Path
    backups_encrypted: int


def export_encrypted(plain: Path, target: Path, key: bytes) -> dict[str, int]:
    """Copy the plain SQLite file ``plain`` into a new encrypted ``target`` (which must not exist or be
    empty), checked; returns the row counts. Raises BackupInvalid when the copy does not check out."""
    from policeroom.backups import _counts, check_backup

    con = cipher.dbapi().connect(str(plain), timeout=10, isolation_level=None)  # no key: reads it plain
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        con.execute("BEGIN")  # one snapshot for the counts and the export
        expected = _counts(con)
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute("COMMIT")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    make_private(target)
    check_backup(target, expected, key)
    return expected


def encrypt_database(path: Path, *, account_id: int, username: str, password: str, room_name: str,
                     backup_dir: Path) -> Converted:
    """Encrypt the plain file at ``path`` (no connection may be open on it: the caller holds the lock
    and has closed its engine). The signed-in account gets the first slot; a recovery key the second.

    Raises:
        BackupInvalid: the encrypted copy did not check out (the plain file is untouched).
        OSError, sqlite3.Error: the disk is full or failing (the plain file is untouched).
    """
    from policeroom.backups import copy_checked, file_stamp
    from policeroom.vault.recovery import new_recovery_key

    key = os.urandom(KEY_BYTES)
    vault = Vault(path, key)
    recovery = new_recovery_key()
    kf = KeyFile(room_name=room_name, set_up=True, check=key_check(key))
    kf.put_account(key, account_id, username, password)
    kf.put_recovery(key, recovery)
    kf.save(keys_path(path))  # 1. beside a plain file it changes nothing
    tmp = temp_beside(path)
    try:
        export_encrypted(path, tmp, key)  # 2. and 3.
        stamp = file_stamp()
        backup_dir.mkdir(parents=True, exist_ok=True)
        backup = copy_checked(tmp, backup_dir / f"{path.stem}-{stamp}-before-encryption.db", vault)  # 4.
        for extra in ("-wal", "-shm"):  # 5. (the -wal was folded in and truncated by the export)
            Path(f"{path}{extra}").unlink(missing_ok=True)
        replace_with(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("database %s encrypted (backup %s)", path.name, backup.name)
    return Converted(vault, recovery, backup, encrypt_old_backups(backup_dir, path.stem, vault))


def encrypt_old_backups(backup_dir: Path, stem: str, vault: Vault) -> int:
    """Encrypt the plain backups of this database in place (each checked first); how many were.
    A backup that cannot be read is left as it is (logged): it was no good backup anyway."""
    from policeroom.errors import DomainError

    done = 0
    for old in sorted(backup_dir.glob(f"{stem}-*.db")):
        if not cipher.is_plain(old):
            continue
        tmp = temp_beside(old)
        try:
            export_encrypted(old, tmp, vault.key)
            atomic_write(Path(f"{old}.keys"), vault.keys_path.read_bytes())
            for extra in ("-wal", "-shm", "-journal"):
                Path(f"{old}{extra}").unlink(missing_ok=True)
            replace_with(tmp, old)
            done += 1
        except (DomainError, OSError, sqlite3.Error, cipher.dbapi().Error) as e:
            tmp.unlink(missing_ok=True)
            log.warning("backup %s not encrypted: %s", old.name, type(e).__name__)
    return done
