"""Issue 13: owner-only files; backups and exports written whole under a temporary name, or not at all."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from policeroom import backups
from policeroom.backups import BackupInvalid, backup_sqlite, check_backup, daily_backup
from policeroom.cli.common import save
from policeroom.db import Database, open_database
from policeroom.services.core.files import atomic_write

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@posix_only
def test_database_wal_shm_backups_and_exports_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask: files would be 0644
    try:
        path = tmp_path / "new.db"
        db = open_database("sqlite:///" + str(path))
        try:
            with db.engine.begin() as conn:
                conn.execute(text("SELECT 1"))
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                assert _mode(p) == 0o600, p
            backup = backup_sqlite(path, tmp_path / "backups", "manual")
            assert _mode(backup) == 0o600
        finally:
            db.close()
        assert save(b"xlsx", str(tmp_path / "a.xlsx"), "ok ") == 0
        assert _mode(tmp_path / "a.xlsx") == 0o600
    finally:
        os.umask(old)


@posix_only
def test_existing_database_is_tightened(tmp_path: Path, migrated_template: Path) -> None:
    path = tmp_path / "old.db"
    path.write_bytes(migrated_template.read_bytes())
    os.chmod(path, 0o644)
    open_database("sqlite:///" + str(path)).close()
    assert _mode(path) == 0o600


def test_failed_export_leaves_nothing(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the good one")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"the good one"
    assert save(b"new", str(tmp_path / "other.xlsx"), "ok ") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]


def test_backup_is_checked_and_counts_match(db: Database, tmp_path: Path) -> None:
    target = backup_sqlite(db.path, tmp_path / "b", "manual")
    counts = check_backup(target)
    assert counts["alembic_version"] == 1
    assert [p.name for p in (tmp_path / "b").iterdir()] == [target.name]  # no temporary left


def test_failed_backup_leaves_nothing_and_keeps_the_good_ones(db: Database, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001, E501
    folder = tmp_path / "b"
    good = [backup_sqlite(db.path, folder, "manual") for _ in range(backups.KEEP_BACKUPS)]

    def bad_check(path: Path, expected: dict[str, int] | None = None) -> dict[str, int]:
        raise BackupInvalid("坏了")

    monkeypatch.setattr(backups, "check_backup", bad_check)
    with pytest.raises(BackupInvalid):
        backup_sqlite(db.path, folder, "manual")
    assert sorted(folder.iterdir()) == sorted(good)
    assert all(p.stat().st_size > 0 for p in good)


def test_damaged_or_foreign_file_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(BackupInvalid):
        check_backup(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupInvalid, match="不是本程序"):
        check_backup(other)


def test_daily_backup_once_a_day_and_pruning(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    first = daily_backup(db.path, folder)
    assert first is not None and first.name.endswith("-daily.db")
    assert daily_backup(db.path, folder) is None  # the second start of the day
    stem = db.path.stem
    # 40 days over three months, plus 14 older months: 30 daily + the newest of each of 12 months kept
    for month in range(1, 15):
        (folder / f"{stem}-2024{month:02d}01-080000-000000-daily.db").write_bytes(first.read_bytes()) if month <= 12 else None
    for day in range(1, 41):
        (folder / f"{stem}-202509{day:02d}-080000-000000-daily.db" if day <= 30 else folder / f"{stem}-202510{day - 30:02d}-080000-000000-daily.db").write_bytes(b"x")  # noqa: E501
    backups._prune_backups(folder, stem)
    names = sorted(p.name for p in folder.iterdir())
    dailies = [n for n in names if n.endswith("-daily.db")]
    months = {n[len(stem) + 1 : len(stem) + 7] for n in dailies}
    assert len(months) == 12
    assert first.name in names
    assert len(dailies) == 30 + len(months - {first.name[len(stem) + 1 : len(stem) + 7], "202510", "202509"})
