"""Every page opens for every role without a refusal: the window asks only for what the role may see
(the services refuse the rest since issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from policeroom.db import open_database
from policeroom.services.registry import Services
from policeroom.ui.main_window import MainWindow
from policeroom.ui.prefs import Preferences
from tests.permission_world import ROLES, actors, build_template
from tests.timing import DATA_DAY

pytestmark = pytest.mark.today(DATA_DAY)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_opens(role: str, tmp_path: Path, migrated_template: Path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    shown: list[str] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: shown.append(str(a[2] if len(a) > 2 else a)))
    path, world = build_template(tmp_path, migrated_template)
    db = open_database("sqlite:///" + str(path), lock=False)
    try:
        sv = Services(db.sessions, actors(db, world)[role])
        win = MainWindow(Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)))
        qtbot.addWidget(win)
        win.attach(sv, None)
        win.show()
        for key in MainWindow.NAV:
            win.show_module(key)
            QApplication.processEvents()
        assert not shown, shown
        assert not win.ended_message
        win.close()
    finally:
        db.close()
