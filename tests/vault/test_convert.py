"""A plain database from before the upgrade is encrypted at the officer's sign-in, losing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from policeroom.backups import backup_sqlite, check_backup
from policeroom.db import Database
from policeroom.errors import StorageFailed
from policeroom.models import AccountRole
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.vault import convert
from policeroom.vault.cipher import is_encrypted, is_plain
from policeroom.vault.keys import KeyFile, keys_path
from policeroom.vault.signin import open_signed_in
from policeroom.vault.unlocked import Vault
from tests.conftest import OFFICER_PASSWORD
from tests.vault.conftest import leaks


def _plain_with_people(officer: Services, db: Database, tmp_path: Path) -> tuple[str, Path, dict[str, int]]:
    officer.residents.create(ResidentInput(name="张秀英", id_number="11010519491231002X", phone="13800138000"))
    officer.accounts.create(username="liuxy", password="liuxy2026a", confirm="liuxy2026a", member_id=None,
                            role=AccountRole.staff)
    old_backup = backup_sqlite(db.path, db.path.parent / "backups", "manual")
    assert is_plain(old_backup)
    url, path = db.url, db.path
    db.close()
    con = sqlite3.connect(path)
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
              for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
    con.close()
    return url, path, counts


def test_officer_sign_in_encrypts_a_plain_file(officer: Services, db: Database, tmp_path: Path) -> None:
    url, path, counts = _plain_with_people(officer, db, tmp_path)
    signed = open_signed_in(url, "wangjj", OFFICER_PASSWORD, program="test")
    try:
        assert signed.converted is not None
        assert is_encrypted(path)
        services = Services(signed.db.sessions, signed.actor)
        assert services.residents.count() == 1 and len(services.residents.search_ids("张秀英")) == 1
        # every row came along (and the sign-in's history entry, written before), and the key file
        # holds the officer's and the recovery key's slots
        assert check_backup(signed.converted.backup, key=signed.converted.vault.key) == {
            **counts, "audit_entry": counts["audit_entry"] + 1}
        keys = KeyFile.load(keys_path(path))
        assert keys.set_up and keys.room_name == "安华里社区警务室"
        assert keys.unlock("wangjj", OFFICER_PASSWORD) == keys.unlock_recovery(signed.converted.recovery_key)
        # the other account had no slot; it gets one at its sign-in while the window has the file open
        assert keys.unlock("liuxy", "liuxy2026a") is None
        services.accounts.authenticate("liuxy", "liuxy2026a")
        assert KeyFile.load(keys_path(path)).unlock("liuxy", "liuxy2026a") is not None
        # the plain backups written before were encrypted too (each with its key file)
        backups = sorted((path.parent / "backups").glob("*.db"))
        assert len(backups) == 2 and signed.converted.backups_encrypted == 1
        assert all(is_encrypted(b) and Path(f"{b}.keys").exists() for b in backups)
    finally:
        signed.db.close()
    files = [path, Path(f"{path}-wal"), *sorted((path.parent / "backups").iterdir())]
    assert leaks(files, ["11010519491231002X", "13800138000", "张秀英"]) == []
    # and it opens by password from now on
    again = open_signed_in(url, "wangjj", OFFICER_PASSWORD, program="test")
    assert again.converted is None and Services(again.db.sessions).residents.count() == 1
    again.db.close()


def test_a_staff_sign_in_leaves_the_plain_file_alone(officer: Services, db: Database, tmp_path: Path) -> None:
    url, path, _ = _plain_with_people(officer, db, tmp_path)
    signed = open_signed_in(url, "liuxy", "liuxy2026a", program="test")
    signed.db.close()
    assert signed.converted is None and is_plain(path)


@pytest.mark.parametrize("failing", ["export_encrypted", "copy_checked"])
def test_a_failed_encryption_loses_nothing(officer: Services, db: Database, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    url, path, counts = _plain_with_people(officer, db, tmp_path)

    def disk_full(*_a, **_k) -> None:  # noqa: ANN002, ANN003
        raise OSError(28, "No space left on device")

    if failing == "export_encrypted":
        monkeypatch.setattr(convert, "export_encrypted", disk_full)
    else:
        import policeroom.backups

        monkeypatch.setattr(policeroom.backups, "copy_checked", disk_full)
    with pytest.raises(StorageFailed, match="数据库没有加密，保持原样"):
        open_signed_in(url, "wangjj", OFFICER_PASSWORD, program="test")
    assert is_plain(path)  # as it was, plus the sign-in's history entry and last sign-in time
    assert check_backup(path) == {**counts, "audit_entry": counts["audit_entry"] + 1}
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    signed = open_signed_in(url, "wangjj", OFFICER_PASSWORD, program="test")  # the next sign-in succeeds
    try:
        assert signed.converted is not None and is_encrypted(path)
        assert check_backup(signed.converted.backup, key=signed.converted.vault.key)["resident"] == 1
    finally:
        signed.db.close()


def test_the_plain_file_stays_until_the_encrypted_copy_is_checked(tmp_path: Path, migrated_template: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy that does not check out (a row count differs) never replaces the plain file."""
    import shutil

    from policeroom.backups import BackupInvalid

    plain = tmp_path / "p.db"
    shutil.copy(migrated_template, plain)
    real = convert.cipher.dbapi

    class Short:  # the export writes a row the plain file does not have
        def __getattr__(self, name: str):  # noqa: ANN204
            return getattr(real(), name)

        def connect(self, *a, **k):  # noqa: ANN002, ANN003, ANN201
            return _Dropping(real().connect(*a, **k))

    class _Dropping:
        def __init__(self, con) -> None:  # noqa: ANN001
            self.con = con

        def execute(self, sql: str, *args):  # noqa: ANN002, ANN201
            result = self.con.execute(sql, *args)
            if "sqlcipher_export" in sql:
                self.con.execute("INSERT INTO encrypted.setting(key, value) VALUES ('extra', 'row')")
            return result

        def close(self) -> None:
            self.con.close()

    monkeypatch.setattr(convert.cipher, "dbapi", Short)
    with pytest.raises(BackupInvalid, match="行数不同"):
        convert.encrypt_database(plain, account_id=1, username="wangjj", password=OFFICER_PASSWORD,
                                 room_name="", backup_dir=tmp_path / "backups")
    assert is_plain(plain) and not list((tmp_path).glob(".p.db.*.tmp"))
    assert Vault.unlock(plain, "wangjj", OFFICER_PASSWORD) is not None  # a key file beside a plain file: harmless
