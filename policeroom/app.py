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
        return daily_backup(db.path, folder, keep_daily=keep_daily, keep_monthly=keep_monthly, vault=db.vault)
    except Exception as e:  # noqa: BLE001 - the day's work goes on; the person and the log are told
        logging.getLogger(__name__).warning("daily backup failed: %s", type(e).__name__)
        if on_failure is not None:
            on_failure(backup_failure_message(e, folder))
        return None


class Loader:
    """Opens the database and builds the services once, on first use.

    An encrypted file opens only at sign-in (the password unwraps its key: :meth:`sign_in`); a new
    file is created encrypted (the throwaway demo, made-up people, stays plain).
    """

    def __init__(self, url: Callable[[], str], *, demo: bool = False) -> None:
        self._url = url
        self.demo = demo  # a throwaway demo community: no daily backup of it, not encrypted
        self.encrypt = not demo
        self.db: Database | None = None
        self.services: Services | None = None
        #: why today's backup failed (Chinese), for the main window's warning bar
        self.backup_problem: str | None = None

    def locked(self) -> bool:
        """True while the file is encrypted and not yet opened by a sign-in."""
        from policeroom.config import sqlite_path
        from policeroom.vault.cipher import is_encrypted

        path = sqlite_path(self._url())
        return self.services is None and path is not None and is_encrypted(path) and not _abandoned(path)

    def preload(self) -> Services | None:
        """While the sign-in window shows: open a plain file, or load the code an encrypted one needs."""
        if self.locked():
            import policeroom.db  # noqa: F401 - SQLAlchemy and the models load while the person types
            import policeroom.services.registry  # noqa: F401
            import policeroom.vault.signin  # noqa: F401

            return None
        return self.get()

    def get(self) -> Services:
        if self.services is None:
            from policeroom.config import sqlite_path
            from policeroom.db import open_database

            url = self._url()
            path = sqlite_path(url)
            vault = None
            if self.encrypt and path is not None:
                vault = _new_vault(path)
            self._opened(open_database(url, vault=vault))
        assert self.services is not None
        return self.services

    def _opened(self, db: Database) -> None:
        from policeroom.services.registry import Services

        self.db = db
        self.services = Services(db.sessions)
        if not self.demo:
            daily_backup_at_start(db, self.services, self._backup_failed)

    def _backup_failed(self, message: str) -> None:
        self.backup_problem = message

    def sign_in(self, username: str, password: str):  # noqa: ANN201 - Actor
        """Check the password (opening an encrypted file with it). Raises AuthError or DomainError."""
        if self.services is not None:
            return self.services.accounts.authenticate(username, password)
        from policeroom import APP_NAME
        from policeroom.vault.signin import open_signed_in

        signed = open_signed_in(self._url(), username, password, program=APP_NAME, encrypt=False)
        self._opened(signed.db)
        return signed.actor

    def encrypt_plain(self, actor, username: str, password: str):  # noqa: ANN001, ANN201 - Actor, Converted
        """Encrypt the open plain file now that the officer signed in; the Converted (recovery key)."""
        from policeroom.services.registry import Services
        from policeroom.vault.signin import encrypt_open

        assert self.db is not None
        self.db, converted = encrypt_open(self.db, actor, username, password)
        self.services = Services(self.db.sessions)
        return converted

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def _abandoned(path: Path) -> bool:
    """An encrypted file whose set-up never finished (no account holds a key): no password opens it.
    It is moved aside, never deleted (its recovery key, if one was made, still opens it)."""
    from policeroom.vault.keys import ACCOUNT, KeyFile, KeyFileInvalid, keys_path

    try:
        kf = KeyFile.load(keys_path(path))
    except KeyFileInvalid:
        return False
    return not any(s.kind == ACCOUNT for s in kf.slots)


def _new_vault(path: Path):  # noqa: ANN202 - Vault | None
    """A key for a file about to be created (or an abandoned set-up, moved aside first); None for a
    plain file that exists."""
    from policeroom.backups import file_stamp
    from policeroom.vault.cipher import is_encrypted
    from policeroom.vault.unlocked import Vault

    if is_encrypted(path) and _abandoned(path):
        stamp = file_stamp()
        for extra in (".keys", "-wal", ""):
            if Path(f"{path}{extra}").exists():
                os.replace(f"{path}{extra}", f"{path}.unfinished-{stamp}{extra}")
        Path(f"{path}-shm").unlink(missing_ok=True)
    if path.exists() and path.stat().st_size > 0:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return Vault.create(path)


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

        loader = Loader(demo_url, demo=True)  # made-up people: the throwaway demo stays plain
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
                services = self._after_sign_in(dlg.actor, dlg.username.text().strip(), dlg.password.text(),
                                               first_run=True)
            elif self.demo and services is not None:
                self._demo_sign_in(services)
            else:
                from policeroom.ui.login import LoginDialog

                dlg = LoginDialog(
                    self.loader.preload, self.prefs.last_username, first.room_name, probe=self.probe,
                    sign_in=self.loader.sign_in,
                )
                self.probe = None
                if self.ended_message:  # the account was changed while signed in: say why
                    dlg.show_message(self.ended_message)
                    self.ended_message = ""
                if not dlg.exec() or dlg.actor is None:
                    return 0
                self.prefs.last_username = dlg.username.text().strip()
                self.loader.get().sign_in(dlg.actor)
                services = self._after_sign_in(dlg.actor, dlg.username.text().strip(), dlg.password.text())
            if not self._main_window(services, services.settings.get().room_name):
                return 0
            first = Peek(False, first.room_name)

    def _after_sign_in(self, actor, username: str, password: str, *, first_run: bool = False):  # noqa: ANN001, ANN202
        """The officer's sign-in encrypts a plain file (once); set-up makes the recovery key. Either
        shows the recovery key once, to be printed. Returns the services to go on with."""
        from PySide6.QtWidgets import QMessageBox

        from policeroom.errors import DomainError
        from policeroom.models import AccountRole

        db, services = self.loader.db, self.loader.get()
        recovery, converted = None, False
        if self.demo or db is None or db.path is None or actor.role != AccountRole.officer:
            return services
        if db.vault is None:
            try:
                recovery, converted = self.loader.encrypt_plain(actor, username, password).recovery_key, True
            except DomainError as e:  # the plain file is as it was; the next sign-in tries again
                QMessageBox.warning(None, "数据库未能加密", f"{e.message}\n数据库保持原样，下次民警登录时会再次尝试加密。")
                return services
            services = self.loader.get()
            services.sign_in(actor)
        elif first_run:
            recovery = services.accounts.new_recovery_key()
        if recovery:
            from policeroom.ui.vault.recovery_key import RecoveryKeyDialog

            RecoveryKeyDialog(recovery, room_name=services.settings.get().room_name, database=str(db.path),
                              converted=converted).exec()
        return services

    def _demo_open(self, parent):  # noqa: ANN001, ANN202 - Services | None
        """A demo file made by ``seed-demo`` is encrypted: its accounts' demo password opens it."""
        from PySide6.QtWidgets import QMessageBox

        from policeroom.errors import DomainError
        from policeroom.services.demo.seed import DEMO_PASSWORD
        from policeroom.vault.keys import ACCOUNT, KeyFile, keys_path

        try:
            names = [s.username for s in KeyFile.load(keys_path(self.path)).slots if s.kind == ACCOUNT]
            for name in names[:1]:  # the officer's slot is written first
                self.loader.sign_in(name, DEMO_PASSWORD)
            return self.loader.get()
        except DomainError as e:
            QMessageBox.critical(parent, "无法打开数据库", e.message)
            return None

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
                services = self._demo_open(window) if self.loader.locked() else self._services_or_message(window)
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
