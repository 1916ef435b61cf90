"""Issue 13: ``policeroom --db PATH restore BACKUP`` and the daily backup at the first start of a day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from policeroom.__main__ import main
from policeroom.app import daily_backup_at_start
from policeroom.backups import backup_sqlite, check_backup
from policeroom.db import Database, open_database
from policeroom.models import Setting
from policeroom.services.registry import Services


def _settings_keys(path: Path) -> set[str]:
    db = open_database("sqlite:///" + str(path), lock=False, upgrade=False)
    try:
        with db.sessions() as s:
            return set(s.scalars(select(Setting.key)))
    finally:
        db.close()


def test_restore_puts_the_backup_back_and_keeps_the_current_file(tmp_path: Path, migrated_template: Path, capsys) -> None:  # noqa: ANN001, E501
    path = tmp_path / "policeroom.db"
    shutil.copy(migrated_template, path)
    backup = backup_sqlite(path, tmp_path / "backups", "manual")
    db = open_database("sqlite:///" + str(path))
    with db.sessions.begin() as s:  # a change after the backup, still in the -wal
        s.add(Setting(key="after.backup", value="1"))
    db.close()
    assert main(["--db", str(path), "restore", str(backup)]) == 0
    said = capsys.readouterr().out
    asides = list(tmp_path.glob("policeroom.before-restore-*.db"))
    assert len(asides) == 1 and str(asides[0]) in said
    assert "after.backup" not in _settings_keys(path)
    assert "after.backup" in _settings_keys(asides[0])  # nothing of the current file is lost
    check_backup(path)


def test_restore_refuses_a_damaged_backup_and_a_database_in_use(db: Database, tmp_path: Path, capsys) -> None:  # noqa: ANN001, E501
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0" * 4096)
    before = db.path.read_bytes()
    assert main(["--db", str(db.path), "restore", str(junk)]) == 1
    assert "可能已损坏" in capsys.readouterr().err
    good = backup_sqlite(db.path, tmp_path / "b", "manual")
    assert main(["--db", str(db.path), "restore", str(good)]) == 1  # the fixture holds the database
    assert "正被另一个程序使用" in capsys.readouterr().err
    assert db.path.read_bytes() == before and not list(tmp_path.glob("*.before-restore-*"))


def test_daily_backup_at_start_uses_the_settings(officer: Services, db: Database) -> None:
    first = daily_backup_at_start(db, officer)
    assert first is not None and first.name.endswith("-daily.db")
    assert daily_backup_at_start(db, officer) is None  # once a day


@pytest.mark.parametrize("value", ["7", "x"])
def test_retention_settings(value: str) -> None:
    from policeroom.backups import retention

    got = retention(lambda key, default: value if key == "backup.keep_daily" else default)
    assert got == ((7 if value == "7" else 30), 12)
