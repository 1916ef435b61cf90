"""设置 › 备份与恢复 on an encrypted database: its backups open with the open file's key; a new recovery
key replaces the old one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from policeroom.backups import backup_sqlite
from policeroom.db import Database
from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences
from policeroom.vault.cipher import is_encrypted
from policeroom.vault.unlocked import Vault
from tests.vault.conftest import encrypted_officer, vault_db  # noqa: F401 - fixtures


def test_restore_and_new_recovery_key_on_an_encrypted_file(encrypted_officer: Services, vault_db: Database,  # noqa: F811
                                                            tmp_path: Path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    path = vault_db.path
    old_recovery = encrypted_officer.accounts.new_recovery_key()
    backup = backup_sqlite(path, tmp_path / "b", "manual", vault=vault_db.vault)
    assert is_encrypted(backup)
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(encrypted_officer, vault_db)
    page = win.show_module("settings")
    panel = page.restore
    assert panel is not None and panel.recovery_button is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown: list[str] = []
    monkeypatch.setattr("policeroom.ui.vault.recovery_key.RecoveryKeyDialog.exec",
                        lambda self: shown.append(self.recovery_key) or 1)
    assert panel.renew_recovery_key()
    assert Vault.recover(path, old_recovery) is None and Vault.recover(path, shown[0]) is not None
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QApplication, "quit", lambda: None)
    assert panel.restore_from(backup)
    assert "恢复前的数据库已另存为" in said[-1]
    assert is_encrypted(path) and Vault.recover(path, old_recovery) is not None  # the backup's key file came along
