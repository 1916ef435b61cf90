"""The settings page (设置): the room's identity printed on documents, and sign-in accounts (账户)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.core.forms import errors_of
from policeroom.services.core.settings import SETTING_LABELS, SETTING_LIMITS, RoomSettings
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.settings.accounts import (
    OK_STYLE,
    AccountsPanel,
    NoAccountsPanel,
)
from policeroom.ui.settings.password import (
    add_hint,
)
from policeroom.ui.widgets.forms import FieldErrors, limit_text, tr

FAIL_STYLE = "color: #c62828;"
NOTE_STYLE = (
    "background: #fff8e1; color: #6d4c00; border: 1px solid #ffe082; padding: 8px; border-radius: 4px;"
)

_PLACEHOLDERS = {
    "room_name": "例如：安华里社区警务室",
    "station": "例如：和平里派出所",
    "community": "例如：安华里社区",
    "committee_name": "例如：安华里社区人民调解委员会",
    "committee_short": "例如：安华",
    "officer_in_charge": "例如：王建军",
}


def case_number_example(short: str, year: int | None = None) -> str:
    """The first mediation case number of the year as it will be printed: （2026）安华人调字第1号."""
    return tr("（{year}）{short}人调字第1号").format(
        year=year or clock.today().year, short=short.strip() or "××"
    )


def _field_label(text: str, edit: QLineEdit) -> QLabel:
    """A form label as tall as its field, so it lines up with the field and not with the error below."""
    label = QLabel(text)
    label.setBuddy(edit)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    edit.ensurePolished()  # the theme's style sheet decides the field's height
    label.setFixedHeight(edit.sizeHint().height())
    return label


class RoomSettingsForm(QWidget):
    """The six fields of RoomSettings with inline errors; read-only for those who may not edit them."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.editable = services.actor.can(Perm.edit_settings)
        self.dirty = False
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}

        intro = QLabel(tr("以下信息印在求助登记、调解文书和报表的页眉上。"))
        intro.setWordWrap(True)
        self.note = QLabel(tr("只有社区民警可以修改设置"))
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setVisible(not self.editable)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in SETTING_LABELS.items():
            edit = QLineEdit()
            limit_text(edit, SETTING_LIMITS[key])
            if self.editable:
                edit.setPlaceholderText(tr(_PLACEHOLDERS[key]))
                edit.textEdited.connect(self._edited)
                edit.returnPressed.connect(self.save)
            else:  # reads as text, not as a field that refuses typing
                edit.setReadOnly(True)
                edit.setFrame(False)
                edit.setStyleSheet("QLineEdit { background: transparent; }")
            self.edits[key] = edit
            form.addRow(_field_label(tr(label), edit), self.errors.add(key, edit))
            if key == "committee_short":
                self.example = add_hint(edit, "")
                edit.textChanged.connect(self._update_example)

        self.save_button = QPushButton(tr("保存"))
        self.save_button.setVisible(self.editable)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 8, 0, 0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        form.addRow("", buttons)  # under the fields, not under the labels

        column = QWidget()
        # Wide enough for the case-number hint on one line; a form stretched over 1100 px reads badly.
        column.setMinimumWidth(620)
        column.setMaximumWidth(720)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.note)
        inner.addWidget(intro)
        inner.addSpacing(6)
        inner.addLayout(form)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addStretch(1)

        bus.changed.connect(self._on_changed)
        self.load()

    def load(self) -> None:
        self._fill(self.services.settings.get())

    def _fill(self, settings: RoomSettings) -> None:
        for key, edit in self.edits.items():
            edit.setText(getattr(settings, key))
            edit.setCursorPosition(0)
        self.errors.clear()
        self.dirty = False

    def _update_example(self, short: str) -> None:
        self.example.setText(
            tr("用于人民调解案号，1至6个字。案号示例：{example}").format(example=case_number_example(short))
        )

    def _edited(self, _text: str) -> None:
        self.dirty = True
        self.status.clear()

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind == "setting" and not self.dirty:  # never overwrite what someone is typing
            self.load()

    def value(self) -> RoomSettings:
        return RoomSettings(**{key: edit.text() for key, edit in self.edits.items()})

    def save(self) -> bool:
        """Send the form to the service; True if saved. Problems appear beside their fields."""
        if not self.editable:
            return False
        try:
            clean = self.services.settings.save(self.value())
        except ValidationError as e:
            unplaced = self.errors.show(errors_of(e))
            self._say(FAIL_STYLE, "；".join(unplaced) or tr("未保存，请按红字提示修改。"))
            return False
        except DomainError as e:
            self._say(FAIL_STYLE, e.message)
            return False
        self._fill(clean)
        self.bus.notify("setting")
        self._say(
            OK_STYLE,
            tr("已保存（{time}），此后打印的文书使用新的信息。").format(time=f"{clock.now():%H:%M}"),
        )
        return True

    def _say(self, style: str, text: str) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)


class SettingsPage(QWidget):
    """Tabs 警务室信息, 群众求助 (categories and time limits) and 账户."""

    def __init__(
        self, services: Services, bus: ChangeBus, parent: QWidget | None = None, *,
        db_path: Path | None = None, restore: Callable[[Path], None] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.tabs = QTabWidget()
        self.room = RoomSettingsForm(services, bus)
        self.tabs.addTab(self.room, tr("警务室信息"))
        self.accounts: AccountsPanel | None = None
        if services.actor.can(Perm.manage_accounts):
            self.accounts = AccountsPanel(services, bus)
            self.tabs.addTab(self.accounts, tr("账户"))
        else:
            self.tabs.addTab(NoAccountsPanel(services), tr("账户"))
        from policeroom.ui.settings.request_rules import RequestRulesForm

        self.request_rules = RequestRulesForm(services, bus)
        self.tabs.addTab(self.request_rules, tr("群众求助"))
        from policeroom.ui.settings.mediation_rules import MediationRulesForm

        self.mediation_rules = MediationRulesForm(services, bus)
        self.tabs.addTab(self.mediation_rules, tr("矛盾纠纷"))
        from policeroom.services.core.settings import IDLE_LOCK_KEY
        from policeroom.ui.settings.numbers import NumberSettingsForm

        self.security = NumberSettingsForm(
            services, bus, (IDLE_LOCK_KEY,),
            tr("离开电脑时，为保护居民信息，程序在设定的时间内没有键盘或鼠标操作就锁定窗口，"
               "输入本人登录密码解锁，也可以切换用户。锁定和解锁都记入修改记录。"),
            tr("已保存。新的锁屏时间立即生效。"),
        )  # fmt: skip
        security_tab = QWidget()
        security_lay = QVBoxLayout(security_tab)
        security_lay.setContentsMargins(16, 16, 16, 16)
        security_lay.addWidget(self.security)
        security_lay.addStretch(1)
        self.tabs.addTab(security_tab, tr("锁屏"))
        self.exports = None
        if services.actor.can(Perm.manage_accounts):  # the officer's: who took personal data out
            from policeroom.ui.settings.exports import ExportHistoryPage

            self.exports = ExportHistoryPage(services, bus)
            self.tabs.addTab(self.exports, tr("导出记录"))
        from policeroom.ui.settings.fieldwork_rules import FieldworkRulesForm

        self.fieldwork_rules = FieldworkRulesForm(services, bus)
        self.tabs.addTab(self.fieldwork_rules, tr("网格工作"))
        self.restore = None
        if db_path is not None and restore is not None and services.actor.can(Perm.manage_accounts):
            from policeroom.services.core.settings import KEEP_DAILY_KEY, KEEP_MONTHLY_KEY
            from policeroom.ui.settings.restore import RestorePanel
            from policeroom.vault.unlocked import vault_of_sessions

            vault = vault_of_sessions(services.ctx.sessions)  # the open file's key opens its backups
            self.restore = RestorePanel(
                db_path, restore, key=vault.key if vault is not None else None,
                new_recovery_key=services.accounts.new_recovery_key if vault is not None else None,
            )
            self.retention = NumberSettingsForm(
                services, bus, (KEEP_DAILY_KEY, KEEP_MONTHLY_KEY),
                tr("每天第一次打开程序时自动备份一份；较早的每日备份只保留最近的份数，另外每个月保留最后一份每日备份。"),
                tr("已保存。下次自动备份时按新的份数清理较早的备份。"),
            )  # fmt: skip
            backup_tab = QWidget()
            backup_lay = QVBoxLayout(backup_tab)
            backup_lay.setContentsMargins(16, 16, 16, 16)
            backup_lay.addWidget(self.retention)
            backup_lay.addSpacing(16)
            backup_lay.addWidget(self.restore)
            backup_lay.addStretch(1)
            self.tabs.addTab(backup_tab, tr("备份与恢复"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
