"""The main window checks the history's chain after it shows and warns in red when it is broken."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings

from policeroom.services.people.residents import ResidentInput
from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences


def _window(officer: Services, tmp_path: Path, qtbot) -> MainWindow:  # noqa: ANN001
    win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.attach(officer, None)
    return win


def test_intact_history_no_banner(officer: Services, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    officer.residents.create(ResidentInput(name="张三"))
    win = _window(officer, tmp_path, qtbot)
    win.check_history()
    assert win.chain_banner is None


def test_edited_history_red_banner(officer: Services, db, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    officer.residents.create(ResidentInput(name="张三"))
    conn = sqlite3.connect(db.path)
    target = conn.execute("SELECT id FROM audit_entry WHERE entity='resident'").fetchone()[0]
    conn.execute("DELETE FROM audit_entry WHERE id=?", (target,))
    conn.commit()
    conn.close()
    win = _window(officer, tmp_path, qtbot)
    win.show()
    win.check_history()
    assert win.chain_banner is not None and win.chain_banner.isVisible()
    assert "修改记录链已断开" in win.chain_banner.text() and "第" in win.chain_banner.text()
