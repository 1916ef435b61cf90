"""The main window: module navigation on the left, the module's page on the right."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom import APP_TITLE, __version__
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.prefs import Preferences

if TYPE_CHECKING:
    from pathlib import Path

    from policeroom.db import Database
    from policeroom.services.registry import Services
    from policeroom.ui.widgets.list_page import ListPage

log = logging.getLogger(__name__)

#: Modules planned but not built yet, with what they will do (shown honestly, no fake data).
PLANNED: dict[str, tuple[str, str]] = {
}


class PlannedPage(QWidget):
    """An honest page for a module that is not built yet."""

    def __init__(self, title: str, plan: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        head = QLabel(title)
        head.setStyleSheet("font-size: 22px; font-weight: bold;")
        body = QLabel(
            tr("本模块尚未开发完成，当前版本不能使用，也不显示任何示例数据。\n\n计划功能：{plan}").format(plan=plan)
        )
        body.setWordWrap(True)
        body.setStyleSheet("font-size: 15px; color: #616161;")
        lay.setContentsMargins(32, 24, 32, 24)
        lay.addWidget(head)
        lay.addSpacing(12)
        lay.addWidget(body)
        lay.addStretch(1)


class MainWindow(QMainWindow):
    """Navigation + stacked pages; pages are built when first opened (fast start-up)."""

    sign_out_requested = Signal()
    NAV = ("dashboard", "requests", "mediation", "gridwork", "tips", "roster", "forces", "people", "reports", "settings")
    NAV_LABELS = {
        "dashboard": "工作台", "requests": "群众求助", "mediation": "矛盾纠纷", "gridwork": "网格工作", "tips": "举报线索",
        "roster": "值班排班", "forces": "群防群治", "people": "人员与网格", "reports": "统计报表", "settings": "设置",
    }  # fmt: skip

    def __init__(
        self,
        prefs: Preferences,
        *,
        room_name: str = "",
        apply_theme: Callable[[bool], None] | None = None,
        demo: bool = False,
        startup_probe: float | None = None,
    ) -> None:
        """Build the window's frame; :meth:`attach` gives it the signed-in services and fills it."""
        super().__init__()
        self.services: Services | None = None
        self.db: Database | None = None
        self.prefs = prefs
        self.demo = demo
        self.bus = ChangeBus(self)
        self._apply_theme = apply_theme
        self._startup_probe = startup_probe
        self.signed_out = False
        self.idle = None
        self._set_title(room_name)

        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px 12px; }")
        for key in self.NAV:
            self.nav.addItem(tr(self.NAV_LABELS.get(key) or PLANNED[key][0]))
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for _ in self.NAV:
            self.stack.addWidget(QWidget())
        self.loading = QLabel(tr("正在打开数据库…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setStyleSheet("font-size: 16px; color: #757575;")
        self.stack.addWidget(self.loading)
        self.stack.setCurrentWidget(self.loading)
        self.nav.setEnabled(False)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.nav)
        content = QVBoxLayout()
        self._content = content
        self.chain_banner: QLabel | None = None
        if demo:
            banner = QLabel(tr("演示模式：这是一个临时数据库，关闭程序后数据即被丢弃。演示账户密码：demo1234"))
            banner.setStyleSheet("background: #e3f2fd; color: #0d47a1; padding: 6px 12px;")
            content.addWidget(banner)
        content.addWidget(self.stack, 1)
        lay.addLayout(content, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_menus()
        self.user_label = QLabel()
        self.db_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        screen = QApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        if avail is not None:  # fit a 1366x768 office screen, status bar included
            self.resize(min(1280, avail.width() - 40), min(800, avail.height() - 40))
        else:
            self.resize(1280, 800)
        if prefs.geometry is not None:
            self.restoreGeometry(prefs.geometry)

    def _set_title(self, room: str) -> None:
        suffix = tr("（演示模式）") if self.demo else ""
        self.setWindowTitle(f"{room} - {APP_TITLE}{suffix}" if room else APP_TITLE + suffix)

    def attach(self, services: Services, db: Database | None) -> None:
        """Services are ready and someone is signed in: fill the window."""
        self.services = services
        self.db = db
        services.ctx.on_session_ended = self._session_ended
        actor = services.actor
        self._set_title(services.settings.get().room_name)
        self.user_label.setText(tr("当前用户：{name}（{role}）").format(name=actor.name, role=actor.role.label))
        self.db_label.setText(tr("数据库：") + (db.display_name if db is not None else ""))
        self.backup_action.setEnabled(db is not None and db.path is not None)
        from policeroom.ui.lock_screen import IdleLock

        self.idle = IdleLock(self, services, self.bus)  # 锁屏 after the set minutes without input
        self.nav.setEnabled(True)
        self.nav.setCurrentRow(0)
        self._show_row(0)
        if self._startup_probe is not None:
            self._startup_probe = None
            QTimer.singleShot(0, lambda: self._report("STARTUP_READY", quit_after=True))
        QTimer.singleShot(0, self.check_history)  # after the first paint: start-up stays fast

    #: history entries checked per step of the start-up check (a step is a few tens of milliseconds)
    chain_step = 5000

    def check_history(self) -> None:
        """Check the history's chain in steps between events; a break shows as a red banner."""
        from policeroom.ui.banners import check_history_step

        check_history_step(self)

    def show_chain_broken(self, message: str) -> None:
        if self.chain_banner is None:
            self.chain_banner = QLabel()
            self.chain_banner.setWordWrap(True)
            self.chain_banner.setStyleSheet(
                "background: #c62828; color: white; font-weight: bold; padding: 6px 12px;"
            )
            self._content.insertWidget(0, self.chain_banner)
            self.chain_banner.show()  # the window may be showing already
        self.chain_banner.setText(
            tr("修改记录链已断开：{message}。数据文件可能在程序之外被改动过，请联系管理员核查并保留备份。").format(
                message=message
            )
        )

    def show_backup_failed(self, message: str) -> None:
        """Today's automatic backup failed: an amber bar says why and what to do (not only the log)."""
        from policeroom.ui.banners import WarningBar

        self.backup_bar = WarningBar(message)
        self._content.insertWidget(0, self.backup_bar)
        self.backup_bar.show()  # the window may be showing already

    backup_bar = None

    # -- pages ----------------------------------------------------------------------------
    def _build_page(self, key: str) -> QWidget:
        if key == "dashboard":
            from policeroom.ui.dashboard.page import DashboardPage

            page = DashboardPage(self.services, self.bus)
            page.open_people.connect(self.open_people)
            page.open_requests.connect(self.open_requests)
            page.open_mediation.connect(self.open_mediation)
            page.open_module.connect(self.show_module)
            page.open_gridwork.connect(self.open_gridwork)
            return page
        if key == "people":
            from policeroom.ui.people.page import PeoplePage

            return PeoplePage(self.services, self.bus)
        if key == "requests":
            from policeroom.ui.requests.module import RequestsModule

            module = RequestsModule(self.services, self.bus)
            module.print_requested.connect(self.print_request)
            return module
        if key == "mediation":
            from policeroom.ui.mediation.module import MediationModule

            return MediationModule(self.services, self.bus)
        if key == "tips":
            from policeroom.ui.tips.module import TipsModule

            return TipsModule(self.services, self.bus)
        if key == "gridwork":
            from policeroom.ui.gridwork import tabs  # noqa: F401 - registers the tabs
            from policeroom.ui.gridwork.page import GridWorkPage

            return GridWorkPage(self.services, self.bus)
        if key == "roster":
            from policeroom.ui.roster.page import RosterPage

            return RosterPage(self.services, self.bus)
        if key == "forces":
            from policeroom.ui.forces.page import ForcesPage

            return ForcesPage(self.services, self.bus)
        if key == "reports" and self.services.actor.limited_to_grids:  # the summaries cover every grid
            note = QLabel(tr("统计报表和工作小结涵盖整个警务室，网格员不能查看或编写。需要时请联系社区民警。"))
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            note.setWordWrap(True)
            note.setStyleSheet("font-size: 15px; color: #616161; padding: 24px;")
            return note
        if key == "reports":
            from policeroom.ui.summary.page import ReportsPage

            return ReportsPage(self.services, self.bus)
        if key == "settings":
            from policeroom.ui.settings.page import SettingsPage

            path = self.db.path if self.db is not None and not self.demo else None
            return SettingsPage(self.services, self.bus, db_path=path, restore=self.restore_backup)
        title, plan = PLANNED[key]
        return PlannedPage(tr(title), tr(plan))

    def page(self, key: str) -> QWidget:
        if key not in self.pages:
            index = self.NAV.index(key)
            page = self._build_page(key)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, page)
            self.pages[key] = page
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.NAV[row])
        self.stack.setCurrentWidget(page)

    def show_module(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.NAV.index(key))
        return self.pages[key]

    def open_requests(self, preset: str) -> None:
        """Show the request list filtered as the dashboard card said (mine, due today, overdue ...)."""
        module = self.show_module("requests")
        apply = getattr(module, "apply_preset", None)
        if callable(apply):
            apply(preset)

    def open_mediation(self, preset: str) -> None:
        """Show the disputes or cases the dashboard item names (``red``, ``visits_due``, ``open``)."""
        module = self.show_module("mediation")
        apply = getattr(module, "apply_preset", None)
        if callable(apply):
            apply(preset)

    def open_gridwork(self, preset: str) -> None:
        """From the 工作台: ``events:overdue`` opens 网格工作 › 网格事件 filtered; ``places`` the places tab."""
        module = self.show_module("gridwork")
        apply = getattr(module, "apply_preset", None)
        if apply is not None:
            apply(preset)

    def open_people(self, tab: str) -> None:
        page = self.show_module("people")
        target = getattr(page, tab, None)
        if target is not None:
            page.tabs.setCurrentWidget(target)

    # -- menus ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("文件(&F)"))
        self.backup_action = QAction(tr("立即备份数据库…"), self)
        self.backup_action.triggered.connect(self.backup_now)
        self.backup_action.setEnabled(False)
        file_menu.addAction(self.backup_action)
        logs = QAction(tr("打开日志文件夹"), self)
        logs.triggered.connect(self._open_logs)
        file_menu.addAction(logs)
        file_menu.addSeparator()
        quit_action = QAction(tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit = bar.addMenu(tr("编辑(&E)"))
        self.new_action = QAction(tr("新建"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self._on_list(lambda page: page.create()))
        edit.addAction(self.new_action)
        self.find_action = QAction(tr("查找"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self._on_list(lambda page: page.focus_search()))
        edit.addAction(self.find_action)

        view = bar.addMenu(tr("视图(&V)"))
        self.dark_action = QAction(tr("深色主题"), self, checkable=True)
        self.dark_action.setChecked(self.prefs.dark_theme)
        self.dark_action.toggled.connect(self.set_dark)
        view.addAction(self.dark_action)

        account = bar.addMenu(tr("账户(&A)"))
        change = QAction(tr("修改我的密码…"), self)
        change.triggered.connect(self.change_password)
        account.addAction(change)
        out = QAction(tr("注销（换人登录）"), self)
        out.setShortcut(QKeySequence("Ctrl+L"))
        out.triggered.connect(self.sign_out)
        account.addAction(out)

        help_menu = bar.addMenu(tr("帮助(&H)"))
        about = QAction(tr("关于"), self)
        about.triggered.connect(
            lambda: QMessageBox.about(
                self, tr("关于"), f"{APP_TITLE} {__version__}\n" + tr("离线运行，数据只保存在本机数据库中。")
            )
        )
        help_menu.addAction(about)

    def current_list(self) -> ListPage | None:
        """The list the person is looking at, if the current module shows one."""
        from policeroom.ui.widgets.list_page import ListPage

        page = self.stack.currentWidget()
        if isinstance(page, ListPage):
            return page
        current = getattr(page, "current_list", None)
        return current() if callable(current) else None

    def _on_list(self, action: Callable[[ListPage], None]) -> None:
        page = self.current_list()
        if page is not None:
            action(page)

    def set_dark(self, dark: bool) -> None:
        self.prefs.dark_theme = dark
        if self._apply_theme is not None:
            self._apply_theme(dark)

    def backup_now(self) -> None:
        from policeroom.db import backup_sqlite, default_backup_dir

        path = self.db.path if self.db is not None else None
        if path is None:
            return
        try:
            target = backup_sqlite(path, default_backup_dir(path), "manual", vault=self.db.vault)
        except Exception as e:  # noqa: BLE001 - said in Chinese; the good backups are untouched
            from policeroom.backups import backup_failure_message

            log.warning("manual backup failed: %s", type(e).__name__)
            text = backup_failure_message(e, default_backup_dir(path)).replace("今天的自动备份", "这次备份")
            QMessageBox.warning(self, tr("备份没有完成"), text)
            return
        QMessageBox.information(self, tr("备份完成"), tr("数据库已备份到：\n{p}").format(p=target))

    def restore_backup(self, backup: Path) -> None:
        """Let go of the database, put the (already checked and confirmed) backup in its place, close."""
        from policeroom.backups import restore_backup

        path = self.db.path if self.db is not None else None
        if path is None:
            return
        from policeroom.vault.cipher import is_encrypted

        # an encrypted backup opens with the open file's key (the key of a database never changes)
        key = self.db.vault.key if self.db.vault is not None and is_encrypted(backup) else None
        self.db.close()  # our own lock must go: restore_backup takes it to be sure no one else has the file
        try:
            aside = restore_backup(path, backup, program=f"{APP_TITLE}（恢复）", key=key)
        except Exception as e:
            log.warning("restore from %s failed: %s", backup.name, e)
            message = getattr(e, "message", None) or tr("恢复没有完成（{e}）。").format(e=type(e).__name__)
            QMessageBox.critical(self, tr("无法恢复"), message + tr("\n当前数据库保持原样。程序将关闭，请重新打开。"))
        else:
            QMessageBox.information(
                self, tr("恢复完成"),
                tr("已从备份恢复数据库。\n恢复前的数据库已另存为：\n{a}\n程序将关闭，请重新打开。").format(a=aside or "—"),
            )  # fmt: skip
        QApplication.quit()  # not signed out: the program ends (it must open the restored file afresh)

    def _open_logs(self) -> None:
        from policeroom.logsetup import log_dir

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def print_request(self, request_id: int) -> None:
        """Show the 群众求助登记表 PDF in the preview, to print or save."""
        from policeroom.reports.requests.form import request_form_pdf
        from policeroom.ui.widgets.pdf_preview import show_pdf

        detail = self.services.requests.get(request_id)
        pdf = request_form_pdf(detail, self.services.settings.get())
        # personal data leaves the screen: the history says who opened it for printing or saving
        self.services.record_output("print", f"群众求助登记表 {detail.number}")
        show_pdf(self, pdf, f"群众求助登记表-{detail.number}.pdf")

    def change_password(self) -> None:
        from policeroom.ui.settings.password import ChangePasswordDialog

        if ChangePasswordDialog(self.services, self).exec():
            self.statusBar().showMessage(tr("密码已修改"), 5000)

    def sign_out(self) -> None:
        self.signed_out = True
        self.close()

    #: why the session ended without the person signing out (shown on the sign-in window), or ""
    ended_message = ""

    def _session_ended(self, error: Exception) -> None:
        """The account was disabled or its role or grids changed: back to sign-in, whatever page asked.

        Called by the services before they raise SessionEnded; the page that made the call shows the
        message too, and the window closes right after (the next turn of the event loop).
        """
        if self.ended_message:
            return
        self.ended_message = getattr(error, "message", str(error))
        log.info("session ended: the account was changed by the officer")
        QTimer.singleShot(0, self.sign_out)

    # -- events ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._startup_probe is not None and not self._shown_reported:
            self._shown_reported = True
            QTimer.singleShot(0, lambda: self._report("STARTUP_SHOWN"))

    _shown_reported = False

    def _report(self, what: str, quit_after: bool = False) -> None:
        """For benchmarks/startup.py: print when the window is on screen / filled with data."""
        print(f"{what} {time.time():.6f}", flush=True)
        if quit_after:
            QTimer.singleShot(0, QApplication.quit)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.idle is not None:
            self.idle.stop()
        self.prefs.geometry = self.saveGeometry()
        self.prefs.sync()
        super().closeEvent(event)


__all__ = ["MainWindow", "PlannedPage", "Qt"]
