"""Builds the database, services and windows; no business logic here."""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from policeroom import APP_NAME, APP_TITLE

_T0 = time.time()


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("POLICEROOM_CACHE_DIR") or user_cache_dir(APP_NAME, appauthor=False))


def demo_database() -> Path:
    """A throwaway copy of the demo community (seeded once into the cache, then copied: fast)."""
    from policeroom.db import open_database
    from policeroom.migrations import HEAD_REVISION
    from policeroom.services.context import ServiceContext
    from policeroom.services.demo import seed_demo

    template = _cache_dir() / f"demo-{HEAD_REVISION}.db"
    if not template.exists():
        template.parent.mkdir(parents=True, exist_ok=True)
        tmp = template.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        db = open_database("sqlite:///" + str(tmp), lock=False)
        seed_demo(ServiceContext(db.sessions))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        os.replace(tmp, template)
    folder = Path(tempfile.mkdtemp(prefix="policeroom-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / "demo.db"
    shutil.copy(template, target)
    return target


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from policeroom.logsetup import setup_logging

    log_file = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)

    from policeroom.ui.errors import install_error_handlers
    from policeroom.ui.prefs import Preferences
    from policeroom.ui.theme import apply_theme, setup_fonts

    install_error_handlers(log_file)
    setup_fonts(app)
    prefs = Preferences()
    cache = _cache_dir() / "theme"

    def theme(dark: bool) -> None:
        apply_theme(app, dark=dark, cache_dir=cache)

    theme(prefs.dark_theme)

    from policeroom.db import open_database, resolve_url
    from policeroom.errors import DomainError

    try:
        url = "sqlite:///" + str(demo_database()) if args.demo else resolve_url(args.db)
        db = open_database(url)
    except DomainError as e:
        QMessageBox.critical(None, "无法打开数据库", e.message)
        return 2
    try:
        return _session_loop(app, db, prefs, theme, demo=args.demo)
    finally:
        db.close()


def _session_loop(app, db, prefs, theme, *, demo: bool) -> int:  # noqa: ANN001
    """Sign in, run the main window, and again after 注销, until the window is closed."""
    from policeroom.services.demo import DEMO_PASSWORD
    from policeroom.services.registry import Services
    from policeroom.ui.login import FirstRunDialog, LoginDialog
    from policeroom.ui.main_window import MainWindow

    probe = _T0 if os.environ.get("POLICEROOM_STARTUP_PROBE") else None
    auto_demo = demo
    while True:
        services = Services(db.sessions)
        if services.accounts.needs_first_run():
            dlg = FirstRunDialog(services)
            if not dlg.exec() or dlg.actor is None:
                return 0
            actor = dlg.actor
            prefs.last_username = ""
        elif auto_demo:
            # The throwaway demo database: sign in as its officer so the demo opens at once.
            officer = next(a for a in services.accounts.list() if a.role.value == "officer")
            actor = services.accounts.authenticate(officer.username, DEMO_PASSWORD)
            auto_demo = False
        else:
            dlg = LoginDialog(services, prefs.last_username, services.settings.get().room_name)
            if not dlg.exec() or dlg.actor is None:
                return 0
            actor = dlg.actor
            prefs.last_username = dlg.username.text().strip()
        services.sign_in(actor)
        window = MainWindow(services, db, prefs, apply_theme=theme, demo=demo, startup_probe=probe)
        probe = None
        window.show()
        app.exec()
        if not window.signed_out:
            return 0
