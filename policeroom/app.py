"""Builds the database, services and windows; no business logic here.

Start-up shows the first window (sign-in, or the main window in demo mode) before SQLAlchemy is even
imported, then opens the database on the first event-loop turn: see ``boot.py`` for why.
"""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from policeroom import APP_NAME, APP_TITLE

if TYPE_CHECKING:
    from policeroom.db import Database
    from policeroom.services.registry import Services

_T0 = time.time()


def demo_template() -> Path:
    from policeroom import __version__
    from policeroom.config import DEMO_VERSION, cache_dir
    from policeroom.migrations import HEAD_REVISION

    # Keyed by app, schema and demo version: a changed demo community is rebuilt, never served stale.
    return cache_dir() / f"demo-{__version__}-{HEAD_REVISION}-{DEMO_VERSION}.db"


def build_demo_template(template: Path) -> None:
    """Seed the demo community once into the cache; later demos copy it (fast)."""
    from policeroom.db import open_database
    from policeroom.dberrors import storage_step
    from policeroom.services.core.context import ServiceContext
    from policeroom.services.demo.seed import seed_demo

    with storage_step(f"在 {template.parent} 准备演示社区"):  # a full disk: said, not a crash
        template.parent.mkdir(parents=True, exist_ok=True)
        tmp = template.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        db = open_database("sqlite:///" + str(tmp), lock=False)
        seed_demo(ServiceContext(db.sessions))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        os.replace(tmp, template)


def throwaway_copy(template: Path) -> Path:
    from policeroom.dberrors import storage_step

    with storage_step("复制演示数据库到临时文件夹"):
        folder = Path(tempfile.mkdtemp(prefix="policeroom-demo-"))
        atexit.register(shutil.rmtree, folder, True)
        target = folder / "demo.db"
        shutil.copy(template, target)
    return target


def daily_backup_at_start(db, services, on_failure: Callable[[str], None] | None = None) -> Path | None:  # noqa: ANN001
    """The first start of each day writes a checked backup (kept: 30 daily and 12 monthly, as set).

    A failed backup never stops the program (no good backup is touched): it is logged and
    ``on_failure`` gets a sentence in Chinese for the window's warning bar.
    """
    if db.path is None:
        return None
    from policeroom.backups import backup_failure_message, daily_backup, default_backup_dir, retention

    folder = default_backup_dir(db.path)
    try:
        keep_daily, keep_monthly = retention(services.settings.get_value)
        return daily_backup(db.path, folder, keep_daily=keep_daily, keep_monthly=keep_monthly)
    except Exception as e:  # noqa: BLE001 - the day's work goes on; the person and the log are told
        logging.getLogger(__name__).warning("daily backup failed: %s", type(e).__name__)
        if on_failure is not None:
            on_failure(backup_failure_message(e, folder))
        return None


class Loader:
    """Opens the database and builds the services once, on first use."""

    def __init__(self, url: Callable[[], str], *, demo: bool = False) -> None:
        self._url = url
        self.demo = demo  # a throwaway demo community: no daily backup of it
        self.db: Database | None = None
        self.services: Services | None = None
        #: why today's backup failed (Chinese), for the main window's warning bar
        self.backup_problem: str | None = None

    def get(self) -> Services:
        if self.services is None:
            from policeroom.db import open_database
            from policeroom.services.registry import Services

            self.db = open_database(self._url())
            self.services = Services(self.db.sessions)
            if not self.demo:
                daily_backup_at_start(self.db, self.services, self._backup_failed)
        return self.services

    def _backup_failed(self, message: str) -> None:
        self.backup_problem = message

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def database_url(args: argparse.Namespace, ask: Callable[[Path], Path | None] | None = None) -> str | None:
    """The database to open; None if the person cancelled.

    A SQLite file named by ``--db`` or $POLICEROOM_DATABASE_URL that does not exist is probably a typing
    mistake: ``ask`` (a dialog) decides between creating it and picking another file. The default file in
    the user data folder is created silently on the first run.
    """
    from policeroom.config import ENV_URL, resolve_url, sqlite_path

    url = resolve_url(args.db)
    path = sqlite_path(url)
    chosen = bool(args.db or os.environ.get(ENV_URL))
    if path is None or not chosen or path.exists():
        return url
    if ask is None:
        from policeroom.ui.missing_db import choose_database as ask
    picked = ask(path)
    return None if picked is None else "sqlite:///" + str(picked)


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from policeroom.errors import StorageFailed
    from policeroom.logsetup import setup_logging

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    from policeroom.ui.i18n import install_qt_translations

    install_qt_translations(app)  # Qt's own dialogs and buttons in Chinese
    try:
        log_file = setup_logging()
    except StorageFailed as e:  # a full disk before anything is open: say so, do not crash
        QMessageBox.critical(None, "无法启动", e.message)
        return 2

    from policeroom.config import cache_dir, sqlite_path
    from policeroom.ui.errors import install_error_handlers
    from policeroom.ui.prefs import Preferences
    from policeroom.ui.theme import apply_theme, setup_fonts

    install_error_handlers(log_file)
    try:
        setup_fonts(app)
    except (RuntimeError, OSError):  # a damaged install: system fonts still show Chinese on most PCs
        import logging

        logging.getLogger(__name__).exception("shipped UI font not loaded")
    prefs = Preferences()

    def theme(dark: bool) -> None:
        try:
            apply_theme(app, dark=dark, cache_dir=cache_dir() / "theme")
        except OSError:  # a full disk for the theme cache: the plain Qt look still works
            import logging

            logging.getLogger(__name__).exception("theme not applied")

    theme(prefs.dark_theme)

    if args.demo:
        template = demo_template()
        try:
            early = throwaway_copy(template) if template.exists() else None
        except StorageFailed as e:
            QMessageBox.critical(None, "无法启动", e.message)
            return 2

        def demo_url() -> str:
            path = early
            if path is None:
                build_with_progress(app, template)
                path = throwaway_copy(template)
            return "sqlite:///" + str(path)

        loader = Loader(demo_url, demo=True)
        path = early
    else:
        chosen_url = database_url(args)
        if chosen_url is None:
            return 0
        url = chosen_url
        loader = Loader(lambda: url)
        path = sqlite_path(url)
    try:
        return Session(app, loader, prefs, theme, demo=args.demo, path=path).run()
    finally:
        loader.close()


def build_with_progress(app, template: Path) -> None:  # noqa: ANN001 - QApplication
    """Build the demo community (about half a minute, once per version) with a window saying so.

    The seeding runs in a worker thread with its own database connection; the window stays responsive.
    """
    import threading
    import time

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    box = QProgressDialog("正在准备演示社区（居民、求助、纠纷、排班），首次打开约需半分钟……", None, 0, 0)
    box.setWindowTitle(APP_TITLE)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.setMinimumDuration(0)
    box.setMinimumWidth(460)
    box.show()
    failure: list[BaseException] = []

    def work() -> None:
        try:
            build_demo_template(template)
        except BaseException as e:  # noqa: BLE001 - re-raised on the main thread
            failure.append(e)

    worker = threading.Thread(target=work, name="demo-seed", daemon=True)
    worker.start()
    while worker.is_alive():
        app.processEvents()
        time.sleep(0.03)
    box.close()
    if failure:
        raise failure[0]


class Session:
    """Sign-in, the main window, and again after 注销, until the window is closed."""

    def __init__(self, app, loader: Loader, prefs, theme, *, demo: bool, path: Path | None) -> None:  # noqa: ANN001
        self.app = app
        self.loader = loader
        self.prefs = prefs
        self.theme = theme
        self.demo = demo
        self.path = path
        self.probe = _T0 if os.environ.get("POLICEROOM_STARTUP_PROBE") else None
        #: why the last session ended (account disabled, role or grids changed), shown at sign-in
        self.ended_message = ""

    def _services_or_message(self, parent=None):  # noqa: ANN001, ANN202
        from PySide6.QtWidgets import QMessageBox

        from policeroom.errors import DomainError

        try:
            return self.loader.get()
        except DomainError as e:
            QMessageBox.critical(parent, "无法打开数据库", e.message)
            return None

    def run(self) -> int:
        from policeroom.boot import Peek, peek

        first = peek(self.path)
        if self.demo and first.first_run is False:
            return self._main_window(None, first.room_name)
        while True:
            services = self._services_or_message() if first.first_run is not False else None
            if first.first_run is not False and services is None:
                return 2
            if services is not None and services.accounts.needs_first_run():
                from policeroom.ui.first_run import FirstRunDialog

                dlg = FirstRunDialog(services)
                if not dlg.exec() or dlg.actor is None:
                    return 0
                services.sign_in(dlg.actor)
            elif self.demo and services is not None:
                self._demo_sign_in(services)
            else:
                from policeroom.ui.login import LoginDialog

                dlg = LoginDialog(
                    self.loader.get, self.prefs.last_username, first.room_name, probe=self.probe
                )
                self.probe = None
                if self.ended_message:  # the account was changed while signed in: say why
                    dlg.show_message(self.ended_message)
                    self.ended_message = ""
                if not dlg.exec() or dlg.actor is None:
                    return 0
                self.prefs.last_username = dlg.username.text().strip()
                services = self.loader.get()
                services.sign_in(dlg.actor)
            if not self._main_window(services, services.settings.get().room_name):
                return 0
            first = Peek(False, first.room_name)

    def _demo_sign_in(self, services) -> None:  # noqa: ANN001
        from policeroom.services.demo.seed import DEMO_PASSWORD

        officer = next(a for a in services.accounts.list() if a.role.value == "officer")
        services.sign_in(services.accounts.authenticate(officer.username, DEMO_PASSWORD))

    def _main_window(self, services, room_name: str) -> int:  # noqa: ANN001
        """Show the main window (opening the database first if needed); True if the person signed out."""
        from PySide6.QtCore import QTimer

        from policeroom.ui.main_window import MainWindow

        window = MainWindow(self.prefs, room_name=room_name, apply_theme=self.theme, demo=self.demo,
                            startup_probe=self.probe)
        self.probe = None
        window.show()

        def attach() -> None:
            nonlocal services
            if services is None:
                services = self._services_or_message(window)
                if services is None:
                    window.close()
                    return
                self._demo_sign_in(services)
            window.attach(services, self.loader.db)
            if self.loader.backup_problem:
                window.show_backup_failed(self.loader.backup_problem)

        QTimer.singleShot(0, attach)
        self.app.exec()
        self.ended_message = window.ended_message
        return window.signed_out
