"""The 账户 tab: the officer manages the team's sign-in accounts."""


from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import AccountRole
from policeroom.models.accounts import Account
from policeroom.services.core import clock
from policeroom.services.people.accounts import ROLE_FOR_MEMBER, AccountRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.settings.password import (
    PASSWORD_RULE,
    ChangePasswordDialog,
    ResetPasswordDialog,
    add_hint,
    hint_label,
    password_edit,
)
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr
from policeroom.ui.widgets.table import Column, ListTableModel

OK_STYLE = "color: #2e7d32;"
ROLE_HINT = "工作人员不能管理账户、修改设置和删除记录；网格员只能查看和编辑本人负责网格的记录。"



def account_status(row: AccountRow, now: datetime | None = None) -> str:
    """启用 / 停用 / 已锁定至HH:MM."""
    if not row.active:
        return tr("停用")
    if row.locked_until is not None and row.locked_until > (now or clock.now()):
        return tr("已锁定至{time}").format(time=f"{row.locked_until:%H:%M}")
    return tr("启用")


def is_locked(row: AccountRow) -> bool:
    return row.locked_until is not None and row.locked_until > clock.now()


def account_columns() -> list[Column[AccountRow]]:
    return [
        Column(tr("用户名"), lambda r: r.username, "username"),
        Column(tr("姓名"), lambda r: r.display_name, "name"),
        Column(tr("权限"), lambda r: r.role.label, "role"),
        Column(tr("状态"), account_status, "status"),
        Column(
            tr("上次登录"),
            lambda r: f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else tr("从未登录"),
            "last_login",
        ),
    ]


_SORT_KEYS: dict[str, Any] = {
    "username": lambda r: r.username.lower(),
    "name": lambda r: r.display_name,
    "role": lambda r: list(AccountRole).index(r.role),
    "status": lambda r: (not r.active, is_locked(r)),
    "last_login": lambda r: (r.last_login_at is not None, r.last_login_at or datetime.min),
}


class AccountDialog(RecordDialog):
    """New account (新建账户) for a team member who has none yet."""

    limits_from = Account  # text fields show the limits the service enforces

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建账户"), parent)
        self.services = services
        self.saved_id: int | None = None
        self._username_typed = False
        taken = {a.member_id for a in services.accounts.list() if a.member_id is not None}
        self.members = [m for m in services.team.list(include_left=False) if m.id not in taken]

        self.member = self.add_field(tr("团队成员"), "member_id", QComboBox())
        for m in self.members:
            self.member.addItem(f"{m.name}（{m.role.label}）", m.id)
        if not self.members:
            self.member.addItem(tr("（所有在岗成员都已有账户）"), None)
            self.member.setEnabled(False)
            add_hint(self.member, tr("请先在“团队”页添加成员，再为其新建账户。"))
        self.username = self.add_field(tr("用户名"), "username", QLineEdit())
        self.username.setMaxLength(30)
        self.username.setPlaceholderText(tr("字母、数字或 _ . -，例如 zhangsan"))
        self.username.textEdited.connect(self._typed)
        self.role = self.add_field(tr("权限"), "role", QComboBox())
        for role in AccountRole:
            self.role.addItem(role.label, role.value)
        add_hint(self.role, tr(ROLE_HINT))
        self.password = self.add_field(tr("密码"), "password", password_edit())
        add_hint(self.password, tr(PASSWORD_RULE))
        self.confirm = self.add_field(tr("确认密码"), "confirm", password_edit())

        self.member.currentIndexChanged.connect(self._member_changed)
        self._member_changed()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.members))
        self.username.setFocus()

    def _typed(self, _text: str) -> None:
        self._username_typed = True

    def _member_changed(self, _index: int = 0) -> None:
        """Default the role from the member's role, and suggest the name's pinyin as user name."""
        member = next((m for m in self.members if m.id == self.member.currentData()), None)
        if member is None:
            return
        combo_select(self.role, ROLE_FOR_MEMBER[member.role].value)
        if not self._username_typed:
            from policeroom.services.core.pinyin import name_keys  # pypinyin's dictionaries load lazily

            self.username.setText(name_keys(member.name)[0].replace(" ", ""))

    def submit(self) -> None:
        self.saved_id = self.services.accounts.create(
            username=self.username.text(),
            password=self.password.text(),
            confirm=self.confirm.text(),
            member_id=self.member.currentData(),
            role=AccountRole(self.role.currentData()),
        )


class AccountEditDialog(RecordDialog):
    """Change an account's role (权限) or switch it off (停用); asks before switching it off."""

    def __init__(self, services: Services, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(tr("修改权限"), parent)
        self.services = services
        self.row = row
        self.form.addRow(tr("账户"), QLabel(f"{row.display_name}（{row.username}）"))
        self.role = self.add_field(tr("权限"), "role", QComboBox())
        for role in AccountRole:
            self.role.addItem(role.label, role.value)
        combo_select(self.role, row.role.value)
        add_hint(self.role, tr(ROLE_HINT))
        self.active = self.add_field(tr("状态"), "active", QCheckBox(tr("启用（可以登录）")))
        self.active.setChecked(row.active)
        if row.id == services.actor.account_id:
            self.role.setEnabled(False)
            self.active.setEnabled(False)
            add_hint(self.active, tr("这是您正在使用的账户，不能降低权限或停用。"))

    def save(self) -> None:
        if self.row.active and not self.active.isChecked():
            answer = QMessageBox.question(
                self,
                tr("停用账户"),
                tr("停用后，{name}将不能再登录本系统，已有记录不受影响。确定停用吗？").format(
                    name=self.row.display_name
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().save()

    def submit(self) -> None:
        self.services.accounts.update(
            self.row.id, role=AccountRole(self.role.currentData()), active=self.active.isChecked()
        )


class AccountsPanel(QWidget):
    """The account list with 新建账户, 修改权限, 重置密码, 解锁 (officer only)."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.model: ListTableModel[AccountRow] = ListTableModel(
            account_columns(), self._load, dimmed=lambda r: not r.active
        )
        self.new_button = QPushButton(tr("新建账户"))
        self.edit_button = QPushButton(tr("修改权限"))
        self.reset_button = QPushButton(tr("重置密码"))
        self.unlock_button = QPushButton(tr("解锁"))
        self.own_button = QPushButton(tr("修改我的密码"))
        bar = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.reset_button, self.unlock_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.own_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # No sort column at first: the service's order (oldest account, the officer's, on top).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.status = QLabel()
        self.status.setStyleSheet(OK_STYLE)

        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(hint_label(tr("连续5次输错密码的账户会锁定15分钟；解锁或重置密码后可立即登录。")))
        lay.addWidget(self.status)

        self.new_button.clicked.connect(self.create)
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.own_button.clicked.connect(self.change_own_password)
        self.own_button.setVisible(services.actor.account_id is not None)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        bus.changed.connect(self._on_changed)
        self.reload()
        for i, width in enumerate((140, 120, 170, 150)):
            self.table.setColumnWidth(i, width)

    def _load(self, sort: str | None, descending: bool) -> list[AccountRow]:
        rows = self.services.accounts.list()
        if sort in _SORT_KEYS:
            rows.sort(key=_SORT_KEYS[sort], reverse=descending)
        return rows

    def reload(self) -> None:
        current = self.selected()
        self.model.reload()
        if current is not None:
            self.select_id(current.id)
        self._update_buttons()

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind in ("account", "team_member"):
            self.reload()

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_id(self, account_id: int) -> None:
        row = self.model.row_of_id(account_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.reset_button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and is_locked(row))

    def _done(self, account_id: int, message: str) -> None:
        self.bus.notify("account", account_id)
        self.select_id(account_id)
        self.status.setText(message)

    def create(self) -> None:
        dlg = AccountDialog(self.services, self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.saved_id is not None:
            self._done(dlg.saved_id, tr("已新建账户 {name}。").format(name=dlg.username.text().strip()))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if AccountEditDialog(self.services, row, self).exec() == QDialog.DialogCode.Accepted:
            self._done(row.id, tr("已保存 {name} 的权限。").format(name=row.display_name))

    def reset_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if ResetPasswordDialog(self.services, row, self).exec() == QDialog.DialogCode.Accepted:
            self._done(row.id, tr("已重置 {name} 的密码。").format(name=row.display_name))

    def unlock_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.services.accounts.unlock(row.id)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法解锁"), e.message)
            return
        self._done(row.id, tr("已解锁 {name}，现在可以登录。").format(name=row.display_name))

    def change_own_password(self) -> None:
        if ChangePasswordDialog(self.services, self).exec() == QDialog.DialogCode.Accepted:
            self.status.setText(tr("您的密码已修改，下次登录请使用新密码。"))


class NoAccountsPanel(QWidget):
    """What the 账户 tab shows to those who may not manage accounts: why, and their own password."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        message = QLabel(tr("账户管理只有社区民警可以使用。需要新建账户、重置密码或解锁时，请联系社区民警。"))
        message.setWordWrap(True)
        self.own_button = QPushButton(tr("修改我的密码"))
        self.own_button.setVisible(services.actor.account_id is not None)
        self.own_button.clicked.connect(self.change_own_password)
        self.status = QLabel()
        self.status.setStyleSheet(OK_STYLE)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addWidget(message)
        lay.addWidget(self.own_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.status)
        lay.addStretch(1)

    def change_own_password(self) -> None:
        if ChangePasswordDialog(self.services, self).exec() == QDialog.DialogCode.Accepted:
            self.status.setText(tr("您的密码已修改，下次登录请使用新密码。"))

