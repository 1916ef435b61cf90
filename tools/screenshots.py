"""Grab screenshots of the main screens with the demo community (for the README and for review).

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshots.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from policeroom.db import open_database
    from policeroom.services.demo.seed import DEMO_PASSWORD, seed_demo
    from policeroom.services.registry import Services
    from policeroom.ui.main_window import MainWindow
    from policeroom.ui.prefs import Preferences
    from policeroom.ui.theme import apply_theme, setup_fonts

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    app = QApplication(sys.argv)
    setup_fonts(app)
    dark = "--dark" in sys.argv
    apply_theme(app, dark=dark, cache_dir=tmp / "theme")
    db = open_database("sqlite:///" + str(tmp / "demo.db"))
    services = Services(db.sessions)
    result = seed_demo(services.ctx)
    services.sign_in(services.accounts.authenticate(result.officer_username, DEMO_PASSWORD))
    prefs = Preferences(QSettings(str(tmp / "prefs.ini"), QSettings.Format.IniFormat))
    win = MainWindow(prefs, room_name="", demo=False)
    win.resize(1366, 728)  # a 1366×768 laptop minus the taskbar
    win.show()
    win.attach(services, db)
    suffix = "-dark" if dark else ""

    def grab(name: str) -> None:
        app.processEvents()
        win.grab().save(str(out / f"{name}{suffix}.png"))
        print(out / f"{name}{suffix}.png")

    grab("dashboard")
    win.show_module("requests")
    grab("requests")
    people = win.show_module("people")
    people.tabs.setCurrentWidget(people.residents)
    grab("residents")
    people.residents.search_box.setText("wang")
    people.residents.search_box.flush()
    grab("residents-search")
    people.tabs.setCurrentWidget(people.team)
    grab("team")
    people.tabs.setCurrentWidget(people.grids)
    grab("grids")
    win.show_module("settings")
    grab("settings")
    mediation = win.show_module("mediation")
    grab("disputes")
    mediation.tabs.setCurrentWidget(mediation.cases)
    grab("mediation")
    win.show_module("tips")
    grab("tips")
    win.show_module("roster")
    grab("roster")
    win.show_module("reports")
    grab("reports")
    db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "out/screens"))
