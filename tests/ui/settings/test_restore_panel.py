"""Issue 13: 设置 › 备份与恢复 — the officer restores a checked backup; the window lets go and closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from policeroom.backups import backup_sqlite
from policeroom.db import Database
from policeroom.models import Setting
from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences


def test_officer_restores_a_backup_from_the_settings_page(officer: Services, db: Database, tmp_path: Path, qtbot, monkeypatch) -> None:  # noqa: ANN001, E501
    backup = backup_sqlite(db.path, tmp_path / "b", "manual")
    with db.sessions.begin() as s:
        s.add(Setting(key="after.backup", value="1"))
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, db)
    page = win.show_module("settings")
    assert page.restore is not None
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"junk" * 1000)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    assert not page.restore.restore_from(junk) and "损坏" in said[-1] and not quits
    assert page.restore.restore_from(backup)
    assert quits == [True] and "恢复前的数据库已另存为" in said[-1]
    asides = list(db.path.parent.glob("policeroom.before-restore-*.db"))
    assert len(asides) == 1
    import sqlite3

    con = sqlite3.connect(db.path)
    try:
        assert con.execute("SELECT count(*) FROM setting WHERE key = 'after.backup'").fetchone() == (0,)
    finally:
        con.close()


def test_no_restore_tab_for_staff_or_without_a_file(officer: Services, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    assert win.show_module("settings").restore is None
