"""The encrypted database: nothing readable on disk, passwords open it, account changes follow."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from policeroom.backups import backup_sqlite, check_backup
from policeroom.db import Database, open_database
from policeroom.errors import AuthError, DatabaseLocked
from policeroom.models import AccountRole
from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.vault.cipher import is_encrypted, is_plain
from policeroom.vault.keys import KeyFile, keys_path
from policeroom.vault.signin import open_signed_in
from policeroom.vault.unlocked import Vault
from tests.conftest import OFFICER_PASSWORD
from tests.vault.conftest import leaks

PEOPLE = [("张秀英", "11010519491231002X", "13800138000"), ("欧阳建国", "110105198001010016", "13911112222"),
          ("李娜", "130102199003074522", "18600001234")]  # fmt: skip
NEEDLES = [s for person in PEOPLE for s in person] + ["13901051234", "王建军", "scrypt$"]


def _save_people(services: Services) -> None:
    for name, id_number, phone in PEOPLE:
        services.residents.create(ResidentInput(name=name, id_number=id_number, phone=phone, address="安华里5号楼"))


def test_strings_finds_nothing_in_the_database_its_wal_and_a_backup(encrypted_officer: Services,
                                                                     vault_db: Database, tmp_path: Path) -> None:
    _save_people(encrypted_officer)
    path = vault_db.path
    wal = Path(f"{path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the saves are (also) in the -wal
    backup = backup_sqlite(path, tmp_path / "backups", "manual", vault=vault_db.vault)
    files = [path, wal, Path(f"{path}-shm"), backup, keys_path(path), Path(f"{backup}.keys")]
    # the scan does find them in a plain copy (the needle search works)
    plain = tmp_path / "plain.db"
    shutil.copy(path, plain)
    assert leaks([plain], NEEDLES) == []  # a copied encrypted file is just as unreadable
    assert check_backup(backup, key=vault_db.vault.key)["resident"] == 3
    assert leaks(files, NEEDLES) == []
    # the search still finds them (FTS5 and LIKE over encrypted pages)
    assert len(encrypted_officer.residents.search_ids("欧阳")) == 1


def test_the_scan_would_see_a_plain_database(officer: Services, db: Database) -> None:
    _save_people(officer)
    assert leaks([db.path, Path(f"{db.path}-wal")], ["11010519491231002X"])  # the test can fail


def test_an_encrypted_file_opens_only_with_a_password(encrypted_officer: Services, vault_db: Database) -> None:
    _save_people(encrypted_officer)
    url, path = vault_db.url, vault_db.path
    vault_db.close()
    assert is_encrypted(path) and not is_plain(path)
    with pytest.raises(DatabaseLocked, match="已加密"):
        open_database(url)
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        open_signed_in(url, "wangjj", "wrong-2026", program="test")
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        open_signed_in(url, "nobody", OFFICER_PASSWORD, program="test")
    signed = open_signed_in(url, "WangJJ", OFFICER_PASSWORD, program="test")
    try:
        assert signed.actor.name == "王建军" and signed.converted is None
        assert Services(signed.db.sessions, signed.actor).residents.count() == 3
    finally:
        signed.db.close()


def test_account_changes_follow_in_the_key_slots(encrypted_officer: Services, vault_db: Database) -> None:
    path = vault_db.path
    staff = encrypted_officer.accounts.create(username="liuxy", password="liuxy2026a", confirm="liuxy2026a",
                                              member_id=None, role=AccountRole.staff)

    def opens(user: str, password: str) -> bool:
        return KeyFile.load(keys_path(path)).unlock(user, password) is not None

    assert opens("liuxy", "liuxy2026a")
    encrypted_officer.accounts.change_own_password(OFFICER_PASSWORD, "xinmima2027", "xinmima2027")
    assert opens("wangjj", "xinmima2027") and not opens("wangjj", OFFICER_PASSWORD)
    encrypted_officer.accounts.reset_password(staff, "chongzhi2027", "chongzhi2027")
    assert opens("liuxy", "chongzhi2027") and not opens("liuxy", "liuxy2026a")
    encrypted_officer.accounts.update(staff, role=AccountRole.staff, active=False)
    assert not opens("liuxy", "chongzhi2027")
    # a failed save leaves the old password working (the new slot sits beside it until the save)
    with pytest.raises(Exception, match="原密码不正确"):
        encrypted_officer.accounts.change_own_password("not-it-2026", "andere2028", "andere2028")
    assert opens("wangjj", "xinmima2027") and not opens("wangjj", "andere2028")
    # the recovery key: a new one replaces the old
    first = encrypted_officer.accounts.new_recovery_key()
    assert first and Vault.recover(path, first) is not None
    second = encrypted_officer.accounts.new_recovery_key()
    assert Vault.recover(path, first) is None and Vault.recover(path, second) is not None


def test_an_account_without_a_slot_gets_one_at_its_next_sign_in(encrypted_officer: Services,
                                                                vault_db: Database) -> None:
    staff = encrypted_officer.accounts.create(username="liuxy", password="liuxy2026a", confirm="liuxy2026a",
                                              member_id=None, role=AccountRole.staff)
    vault_db.vault.drop_account(staff)  # e.g. an account of a plain file that was encrypted since
    assert not vault_db.vault.has_slot(staff)
    encrypted_officer.accounts.authenticate("liuxy", "liuxy2026a")  # the window was open: no key needed
    assert vault_db.vault.has_slot(staff)
    assert KeyFile.load(vault_db.vault.keys_path).unlock("liuxy", "liuxy2026a") == vault_db.vault.key


def test_the_sign_in_window_reads_the_room_from_the_key_file(encrypted_officer: Services, vault_db: Database) -> None:
    from dataclasses import replace

    from policeroom.boot import peek

    path = vault_db.path
    assert peek(path).room_name == "安华里社区警务室" and peek(path).first_run is False
    encrypted_officer.settings.save(replace(encrypted_officer.settings.get(), room_name="和平里社区警务室"))
    assert peek(path).room_name == "和平里社区警务室"
    assert KeyFile.load(keys_path(path)).set_up


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_wrong_passwords_lock_the_slot_while_the_file_is_closed(encrypted_officer: Services,
                                                                vault_db: Database) -> None:
    staff = encrypted_officer.accounts.create(username="liuxy", password="liuxy2026a", confirm="liuxy2026a",
                                              member_id=None, role=AccountRole.staff)
    url = vault_db.url
    vault_db.close()
    for _ in range(4):
        with pytest.raises(AuthError, match="用户名或密码不正确"):
            open_signed_in(url, "liuxy", "wrong-2026", program="test")
    with pytest.raises(AuthError, match="账户已锁定15分钟"):
        open_signed_in(url, "liuxy", "wrong-2026", program="test")
    with pytest.raises(AuthError, match="账户已锁定"):  # the right password waits too
        open_signed_in(url, "liuxy", "liuxy2026a", program="test")
    with pytest.raises(AuthError, match="用户名或密码不正确"):  # an unknown name: as before, nothing told
        open_signed_in(url, "nobody", "wrong-2026", program="test")
    signed = open_signed_in(url, "wangjj", OFFICER_PASSWORD, program="test")  # others are not locked
    try:
        Services(signed.db.sessions, signed.actor).accounts.unlock(staff)  # the officer unlocks
    finally:
        signed.db.close()
    signed = open_signed_in(url, "liuxy", "liuxy2026a", program="test")
    signed.db.close()
    assert all(s.failed == 0 and not s.locked_until for s in KeyFile.load(keys_path(vault_db.path)).slots)
