"""The idle lock (锁屏): after the set minutes without keyboard or mouse input the window locks.

One ``QTimer`` measures the idle time; an application-wide event filter restarts it on every key,
click, wheel or mouse move in any of the program's windows (no clock is read, so changing the PC's
time neither locks nor unlocks). Locking swaps the window's whole content for the lock screen: the
pages, banners and open dialogs are hidden or closed, not covered, so nothing of the data is painted
while locked. The signed-in person's password unlocks (counted like a sign-in: five wrong tries lock
the account); 切换用户 returns to sign-in. Both the lock and the unlock are in the history.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import AuthError, DomainError
from policeroom.ui.widgets.forms import ERROR_STYLE, tr

if TYPE_CHECKING:
    from policeroom.services.registry import Services
    from policeroom.ui.bus import ChangeBus
    from policeroom.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: what counts as someone at the keyboard
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.TabletMove,
})  # fmt: skip


class LockScreen(QWidget):
    """Who is signed in, a password field, 解锁 and 切换用户; nothing else."""

    unlock_requested = Signal(str)
    switch_user = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)  # painted opaque: nothing of the pages shows through
        self.room = QLabel()
        self.room.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.room.setStyleSheet("font-size: 15px; color: #616161;")
        title = QLabel(tr("已锁定"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.why = QLabel()
        self.why.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.why.setWordWrap(True)
        self.why.setStyleSheet("font-size: 14px; color: #616161;")
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setStyleSheet("font-size: 16px;")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        self.password.setPlaceholderText(tr("请输入登录密码"))
        self.password.returnPressed.connect(self._unlock)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.unlock_button = QPushButton(tr("解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton(tr("切换用户"))
        self.switch_button.clicked.connect(self.switch_user)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        card = QWidget()
        card.setFixedWidth(380)
        inner = QVBoxLayout(card)
        inner.setSpacing(10)
        for w in (self.room, title, self.why, self.who, self.password, self.message):
            inner.addWidget(w)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)

    def show_for(self, name: str, role: str, room: str, minutes: int) -> None:
        self.room.setText(room)
        self.why.setText(tr("{n}分钟没有操作，为保护居民信息，窗口已锁定。").format(n=minutes))
        self.who.setText(tr("当前用户：{name}（{role}）").format(name=name, role=role))
        self.password.clear()
        self.message.hide()
        self.password.setFocus()

    def fail(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.password.clear()
        self.password.setFocus()

    def _unlock(self) -> None:
        if not self.password.text():
            self.fail(tr("请输入密码"))
            return
        self.unlock_requested.emit(self.password.text())


class IdleLock(QObject):
    """Locks ``window`` after the set minutes without input; unlocks with the signed-in person's password.

    Tests shorten the wait by setting ``timer``'s interval (or call :meth:`lock`): nothing waits minutes.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: MainWindow, services: Services, bus: ChangeBus) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.locked = False
        self._actions: list[tuple[QAction, bool]] = []
        self.minutes = services.settings.idle_lock_minutes()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.minutes * 60_000)
        self.timer.timeout.connect(self.lock)
        self.screen = LockScreen()
        self.screen.unlock_requested.connect(self.unlock)
        self.screen.switch_user.connect(self.switch_user)
        # The window's content and the lock screen share one stack: locked, the content is not shown.
        self.stack = QStackedWidget()
        self.content = window.takeCentralWidget()
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.screen)
        window.setCentralWidget(self.stack)
        bus.changed.connect(self._on_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        """The window is closing: no lock after it has gone."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind == "setting":
            minutes = self.services.settings.idle_lock_minutes()
            if minutes != self.minutes:
                self.minutes = minutes
                self.timer.setInterval(minutes * 60_000)
                if not self.locked:
                    self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not self.locked:
            if kind in INPUT_EVENTS:
                self.timer.start()  # restarts the idle wait
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and watched is not self.window:
            QTimer.singleShot(0, lambda w=watched: _close(w))  # nothing opens over a locked window
        return False

    def lock(self) -> None:
        """Lock now: close menus and dialogs, show only the lock screen, record it in the history."""
        if self.locked:
            return
        self.locked = True
        self.timer.stop()
        popup = QApplication.activePopupWidget()
        while popup is not None:  # an open menu or drop-down list
            popup.close()
            next_popup = QApplication.activePopupWidget()
            popup = None if next_popup is popup else next_popup
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                _close(widget)
        self.window.menuBar().setEnabled(False)
        # menu shortcuts too (Ctrl+N, Ctrl+F …): nothing acts on the pages behind the lock
        self._actions = [(a, a.isEnabled()) for a in self.window.findChildren(QAction)]
        for action, _enabled in self._actions:
            action.setEnabled(False)
        actor = self.services.actor
        try:
            room = self.services.settings.get().room_name
        except DomainError:
            room = ""
        self.screen.show_for(actor.name, actor.role.label, room, self.minutes)
        self.stack.setCurrentWidget(self.screen)
        self.content.hide()
        try:
            self.services.accounts.lock_screen(self.minutes)
        except DomainError as e:  # the lock holds even when the history cannot be written now
            log.warning("screen lock not recorded: %s", type(e).__name__)
        self.locked_changed.emit(True)

    def unlock(self, password: str) -> bool:
        """The signed-in person's password: back to work. False (with the reason shown) otherwise."""
        try:
            actor = self.services.accounts.unlock_screen(password)
        except AuthError as e:
            self.screen.fail(e.message)
            return False
        except DomainError as e:
            self.screen.fail(e.message)
            return False
        self.services.sign_in(actor)  # re-read: changed grids or role take effect now
        self.locked = False
        self.content.show()
        self.stack.setCurrentWidget(self.content)
        self.window.menuBar().setEnabled(True)
        for action, enabled in self._actions:
            action.setEnabled(enabled)
        self._actions = []
        self.screen.password.clear()
        self.timer.start()
        self.locked_changed.emit(False)
        return True

    def switch_user(self) -> None:
        """Back to sign-in (the window closes as with 注销)."""
        self.stop()
        self.window.sign_out()


def _close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


__all__ = ["INPUT_EVENTS", "IdleLock", "LockScreen"]
