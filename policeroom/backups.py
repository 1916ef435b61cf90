"""Backups of a SQLite file you can trust: written under a temporary name, checked, then renamed.

A backup is copied with SQLite's online backup (consistent while others write), then checked
(``PRAGMA integrity_check`` and the row count of every table equal to the source's at the moment of
the copy) and only then given its final name. A failed backup leaves nothing behind and never
replaces or pushes out a good one. Files are readable by their owner only.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policeroom.errors import DomainError
from policeroom.migrations import is_newer_than_program, version_label
from policeroom.services.core.files import atomic_write, make_private, replace_with, temp_beside
from policeroom.services.core.settings import KEEP_DAILY_KEY, KEEP_MONTHLY_KEY

if TYPE_CHECKING:
    from policeroom.vault.unlocked import Vault

log = logging.getLogger(__name__)

KEEP_BACKUPS = 20  # manual and before-upgrade backups
KEEP_DAILY = 30
KEEP_MONTHLY = 12
DAILY = "daily"
_STAMP = re.compile(r"-(\d{8})-\d{6}-\d+-")


class BackupInvalid(DomainError):
    """A backup file that is damaged or is not a copy of the database."""


def _connect(path: Path | str, key: bytes | None, **kwargs: Any) -> Any:
    """A plain sqlite3 connection, or a SQLCipher one keyed with ``key``."""
    if key is None:
        return sqlite3.connect(str(path), **kwargs)
    from policeroom.vault.cipher import connect

    return connect(path, key, **kwargs)


def _db_errors(key: bytes | None) -> tuple[type[Exception], ...]:
    if key is None:
        return (sqlite3.Error,)
    from policeroom.vault.cipher import dbapi

    return (sqlite3.Error, dbapi().Error)


def _counts(con: Any) -> dict[str, int]:
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}


def check_backup(path: Path, expected: dict[str, int] | None = None, key: bytes | None = None) -> dict[str, int]:
    """Row counts of a sound SQLite file (integrity checked, our tables present); ``key`` for an
    encrypted one.

    Raises:
        BackupInvalid: damaged, not SQLite, not a policeroom database, or counts differ from ``expected``.
    """
    # Without a -wal beside it everything is in the file: immutable=1 reads it without creating -shm.
    immutable = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    from policeroom.vault.cipher import is_encrypted

    if key is None:
        if is_encrypted(path) and Path(f"{path}.keys").exists():
            raise BackupInvalid(f"备份文件 {path.name} 已加密，需要用户名和密码（或恢复密钥）才能核验和恢复。")
    try:
        con = _connect(f"file:{path.as_posix()}?mode=ro{immutable}", key, uri=True, timeout=5)
        try:
            result = con.execute("PRAGMA integrity_check").fetchall()
            counts = _counts(con)
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in counts else None
        finally:
            con.close()
    except _db_errors(key) as e:
        lost_keys = "，或是缺少密钥文件（.keys）的加密备份" if key is None and is_encrypted(path) else ""
        raise BackupInvalid(f"备份文件 {path.name} 无法读取，可能已损坏或不是数据库文件{lost_keys}（{e}）。") from None
    if result != [("ok",)]:
        raise BackupInvalid(f"备份文件 {path.name} 已损坏（完整性检查未通过）。")
    if "alembic_version" not in counts:
        raise BackupInvalid(f"文件 {path.name} 不是本程序的数据库备份。")
    if revision and is_newer_than_program(revision[0]):
        raise BackupInvalid(f"备份文件 {path.name} 由较新版本的程序创建（数据库版本 {version_label(revision[0])}），请先升级程序。")
    if expected is not None and counts != expected:
        differ = "、".join(t for t in sorted(set(counts) | set(expected)) if counts.get(t) != expected.get(t))
        raise BackupInvalid(f"备份文件 {path.name} 与数据库不一致（表 {differ} 的行数不同）。")
    return counts


def copy_checked(source: Path, target: Path, vault: Vault | None = None) -> Path:
    """Copy the live database ``source`` to ``target`` through a temporary name, checked before the rename.
    An encrypted database (``vault``) is copied encrypted, its key file beside the copy."""
    key = vault.key if vault is not None else None
    tmp = temp_beside(target)
    keys = Path(f"{target}.keys")
    try:
        src = _connect(source, key, timeout=10, isolation_level=None)
        try:
            src.execute("BEGIN")  # one snapshot for the counts and the copy
            expected = _counts(src)
            dst = _connect(tmp, key)
            try:
                src.backup(dst)
                # A single file (no -wal beside it) that opens read-only without leaving anything behind.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
            src.execute("COMMIT")
        finally:
            src.close()
        if key is None:
            check_backup(tmp, expected)
        else:
            check_backup(tmp, expected, key=key)
        if vault is not None:  # the key file first: an encrypted backup is never without its slots
            atomic_write(keys, vault.keys_path.read_bytes())
        replace_with(tmp, target)
    except BaseException:
        if not target.exists():
            keys.unlink(missing_ok=True)
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)  # no half backup that looks like a good one
        raise
    make_private(target)
    return target


def backup_sqlite(path: Path, backup_dir: Path, reason: str, vault: Vault | None = None) -> Path:
    """Copy a live SQLite database (WAL included) to ``backup_dir`` with a timestamped name.

    Raises:
        BackupInvalid: the copy did not check out (nothing is left behind).
        OSError, sqlite3.Error: disk full or unreadable (nothing is left behind).
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    # Real time, not the clock (services/core/clock.py): a backup's name says when the file was really
    # written, and pruning keeps the newest by name; an "as of" clock must not rename or reorder backups.
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = copy_checked(path, backup_dir / f"{path.stem}-{stamp}-{reason}.db", vault)
    _prune_backups(backup_dir, path.stem)
    log.info("backup written to %s", target)
    return target


def _prune_backups(backup_dir: Path, stem: str, keep_daily: int = KEEP_DAILY, keep_monthly: int = KEEP_MONTHLY) -> None:
    found = sorted(backup_dir.glob(f"{stem}-*.db"))
    daily = [p for p in found if p.stem.endswith(f"-{DAILY}")]
    others = [p for p in found if p not in daily]
    keep = set(others[-KEEP_BACKUPS:]) | set(daily[-keep_daily:] if keep_daily > 0 else [])
    newest_of_month: dict[str, Path] = {}
    for p in daily:
        m = _STAMP.search(p.name[len(stem):])
        if m:
            newest_of_month[m.group(1)[:6]] = p
    months = sorted(newest_of_month)
    keep |= {newest_of_month[m] for m in (months[-keep_monthly:] if keep_monthly > 0 else [])}
    for p in found:
        if p not in keep:
            p.unlink(missing_ok=True)
            Path(f"{p}.keys").unlink(missing_ok=True)


def daily_backup(
    path: Path, backup_dir: Path, *, keep_daily: int = KEEP_DAILY, keep_monthly: int = KEEP_MONTHLY,
    vault: Vault | None = None,
) -> Path | None:
    """At the first start of a day, a backup named ``…-daily.db``; None if today's exists already."""
    # Real date, as for the backup's name (see backup_sqlite).
    today = date.today().strftime("%Y%m%d")
    if backup_dir.is_dir() and any(backup_dir.glob(f"{path.stem}-{today}-*-{DAILY}.db")):
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = copy_checked(path, backup_dir / f"{path.stem}-{stamp}-{DAILY}.db", vault)
    _prune_backups(backup_dir, path.stem, keep_daily, keep_monthly)
    log.info("daily backup written to %s", target)
    return target


def file_stamp() -> str:
    """The real time for a file's name (``20261205-111702-738806``), as backups are named."""
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def backup_failure_message(error: BaseException, folder: Path) -> str:
    """Why today's backup failed and what to do, in Chinese (no SQL, no personal data)."""
    from policeroom.dberrors import storage_reason

    reason = error.message if isinstance(error, DomainError) else storage_reason(error)
    reason = reason or f"备份时出错（{type(error).__name__}）"
    return (
        f"今天的自动备份没有完成：{reason.rstrip('。')}。以前的备份没有受影响。请检查备份文件夹 {folder} "
        "所在的磁盘，然后用“文件 › 立即备份数据库…”再备份一次。"
    )


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def retention(get_value) -> tuple[int, int]:  # noqa: ANN001 - SettingsService.get_value
    """(daily, monthly) backups to keep, from the settings (设置 › 备份与恢复); defaults 30 and 12."""
    from policeroom.services.core.settings import NUMBER_SETTINGS, parse_whole

    def number(key: str) -> int:
        spec = NUMBER_SETTINGS[key]
        value = parse_whole(get_value(key, str(spec.default)), spec)
        return value if isinstance(value, int) else spec.default  # a value edited outside the program

    return number(KEEP_DAILY_KEY), number(KEEP_MONTHLY_KEY)


def restore_backup(
    db_path: Path, backup: Path, program: str = "policeroom restore", key: bytes | None = None
) -> Path | None:
    """Replace the database file by a checked copy of ``backup``; the current file is kept aside as
    ``NAME.before-restore-<time>.db`` (returned; None when there was no database yet).

    An encrypted backup needs its ``key`` (unlocked from the key file beside it); that key file comes
    along. An encrypted current file is moved aside whole (file, -wal, key file), nothing opened.

    Raises:
        BackupInvalid: the backup is damaged, not ours, or from a newer program (nothing changed).
        DatabaseInUse: another program has the database open (nothing changed).
    """
    from policeroom.dblock import DatabaseLock
    from policeroom.vault.cipher import is_encrypted
    from policeroom.vault.keys import keys_path

    expected = check_backup(backup, key=key)
    if key is not None and not Path(f"{backup}.keys").exists():
        raise BackupInvalid(f"加密的备份 {backup.name} 旁边缺少它的密钥文件 {backup.name}.keys，无法恢复。")
    incoming_keys = Path(f"{backup}.keys").read_bytes() if key is not None else None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = DatabaseLock(db_path, program)
    lock.acquire()  # DatabaseInUse: refuse while another program has the file open
    try:
        incoming = temp_beside(db_path)
        try:
            with open(backup, "rb") as src, open(incoming, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            check_backup(incoming, expected, key)
            aside = None
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            if is_encrypted(db_path):
                aside = _move_aside(db_path, db_path.with_name(f"{db_path.stem}.before-restore-{stamp}.db"))
            elif db_path.exists():
                aside = copy_checked(db_path, db_path.with_name(f"{db_path.stem}.before-restore-{stamp}.db"))
                _drop_wal(db_path)
            if incoming_keys is not None:
                atomic_write(keys_path(db_path), incoming_keys)
            else:  # a plain backup: a key file of an earlier encrypted file must not stay beside it
                _move_keys_aside(db_path, stamp)
            for extra in ("-wal", "-shm"):  # never apply an earlier file's -wal to the restored one
                Path(f"{db_path}{extra}").unlink(missing_ok=True)
            replace_with(incoming, db_path)
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
    finally:
        lock.release()
    log.info("database %s restored from %s (previous file kept as %s)", db_path, backup, aside)
    return aside


def _move_aside(db_path: Path, aside: Path) -> Path:
    """Keep an encrypted file aside with its -wal and key file (opened by nobody: we hold the lock).
    The -wal and key file are copied before the file is renamed, so a crash in between loses nothing."""
    import shutil

    for extra in ("-wal", ".keys"):
        if Path(f"{db_path}{extra}").exists():
            shutil.copyfile(f"{db_path}{extra}", f"{aside}{extra}")
            make_private(Path(f"{aside}{extra}"))
    os.replace(db_path, aside)
    return aside


def _move_keys_aside(db_path: Path, stamp: str) -> None:
    keys = Path(f"{db_path}.keys")
    if keys.exists():
        os.replace(keys, db_path.with_name(f"{db_path.name}.before-restore-{stamp}.keys"))


def _drop_wal(db_path: Path) -> None:
    """Fold the -wal into the file and remove -wal/-shm (already copied aside): a stale -wal must
    never be applied to the restored file."""
    con = sqlite3.connect(str(db_path), timeout=10)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for extra in ("-wal", "-shm"):
        Path(f"{db_path}{extra}").unlink(missing_ok=True)
