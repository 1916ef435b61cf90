"""Sign-in (登录): shown before the database layer has loaded; it loads while the person types."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from policeroom import APP_TITLE
from policeroom.errors import AuthError, DomainError
from policeroom.ui.widgets.forms import ERROR_STYLE, tr

if TYPE_CHECKING:
    from policeroom.services.core.context import Actor
    from policeroom.services.registry import Services


class LoginDialog(QDialog):
    """User name and password; wrong tries and lock-out explained in the dialog itself."""

    def __init__(
        self,
        services: Callable[[], Services | None],
        last_username: str = "",
        room_name: str = "",
        parent: QWidget | None = None,
        *,
        probe: float | None = None,
        sign_in: Callable[[str, str], Actor] | None = None,
    ) -> None:
        """``services`` opens the database while the person types (None while it is encrypted);
        ``sign_in`` (name, password) checks them, opening an encrypted file with the password."""
        super().__init__(parent)
        self._services = services
        self._sign_in = sign_in
        self._probe = probe
        self._preloaded = False
        self.actor: Actor | None = None
        self.setWindowTitle(tr("登录 - ") + APP_TITLE)
        title = QLabel(room_name or APP_TITLE)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20px; font-weight: bold; padding: 8px;")
        self.username = QLineEdit(last_username)
        self.username.setPlaceholderText(tr("用户名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("密码"))
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(tr("用户名"), self.username)
        form.addRow(tr("密码"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(tr("登录"))
        self.login_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("退出"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.setMinimumWidth(380)
        (self.password if last_username else self.username).setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._preloaded:
            self._preloaded = True
            QTimer.singleShot(0, self._preload)

    def _preload(self) -> None:
        """Open the database while the person types (and say at once if another program holds it)."""
        if self._probe is not None:
            print(f"STARTUP_SHOWN {time.time():.6f}", flush=True)
        try:
            self._services()
        except DomainError as e:
            self._fail(e.message)
            self.login_button.setEnabled(False)
        if self._probe is not None:
            print(f"STARTUP_READY {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.reject)

    def try_login(self) -> None:
        if not self.username.text().strip() or not self.password.text():
            self._fail(tr("请输入用户名和密码"))
            return
        try:
            if self._sign_in is not None:
                self.actor = self._sign_in(self.username.text(), self.password.text())
            else:
                services = self._services()
                assert services is not None
                self.actor = services.accounts.authenticate(self.username.text(), self.password.text())
        except AuthError as e:
            self._fail(e.message)
            return
        except DomainError as e:
            self._fail(e.message)
            return
        self.accept()

    def show_message(self, message: str) -> None:
        """A sentence above the buttons before anyone types (e.g. why the last session ended)."""
        self.message.setText(message)
        self.message.show()

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.password.clear()
        self.password.setFocus()


