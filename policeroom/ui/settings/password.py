"""Password dialogs: changing one's own (修改我的密码) and resetting someone else's (重置密码)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from policeroom.services.people.accounts import AccountRow
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import RecordDialog, tr

#: Mirrors services.passwords.password_problem, so people know the rule before they are refused.
PASSWORD_RULE = "至少8位，须同时包含字母和数字，不能用常见密码（如 password1）"
HINT_STYLE = "color: #757575; font-size: 12px;"


def password_edit() -> QLineEdit:
    """A line edit that hides what is typed."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def hint_label(text: str) -> QLabel:
    """A small grey explanation placed under a field."""
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def add_hint(field: QWidget, text: str) -> QLabel:
    """Put a grey hint under a field wrapped by FieldErrors.add, below the field's error line."""
    label = hint_label(text)
    box = field.parentWidget()
    layout = box.layout() if box is not None else None
    if layout is None:  # pragma: no cover - every caller passes a wrapped field
        raise ValueError("the field is not wrapped by FieldErrors.add")
    layout.addWidget(label)
    return label


class ChangePasswordDialog(RecordDialog):
    """The signed-in person changes their own password; the old one must be typed first."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("修改我的密码"), parent)
        self.services = services
        self.form.addRow(tr("账户"), QLabel(services.actor.name))
        self.old = self.add_field(tr("原密码"), "old", password_edit())
        self.new = self.add_field(tr("新密码"), "new", password_edit())
        add_hint(self.new, tr(PASSWORD_RULE))
        self.confirm = self.add_field(tr("确认新密码"), "confirm", password_edit())
        self.old.setFocus()

    def submit(self) -> None:
        self.services.accounts.change_own_password(self.old.text(), self.new.text(), self.confirm.text())


class ResetPasswordDialog(RecordDialog):
    """Set a new password for someone who forgot theirs; also lifts a lock."""

    def __init__(self, services: Services, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(tr("重置密码"), parent)
        self.services = services
        self.row = row
        self.form.addRow(tr("账户"), QLabel(f"{row.display_name}（{row.username}）"))
        self.password = self.add_field(tr("新密码"), "password", password_edit())
        add_hint(self.password, tr(PASSWORD_RULE) + tr("。请当面告知本人，并提醒其登录后修改。"))
        self.confirm = self.add_field(tr("确认"), "confirm", password_edit())
        self.password.setFocus()

    def submit(self) -> None:
        self.services.accounts.reset_password(self.row.id, self.password.text(), self.confirm.text())
