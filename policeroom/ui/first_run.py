"""First run (首次使用): the room's settings and the officer's own account, saved together."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from policeroom import APP_TITLE
from policeroom.models.accounts import Account
from policeroom.models.people import TeamMember
from policeroom.services.core.context import Actor
from policeroom.services.core.settings import SETTING_LABELS, SETTING_LIMITS, RoomSettings
from policeroom.services.core.text import column_limit
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import RecordDialog, form_row, limit_text, tr

#: what the services refuse to save without (validate_room_settings, first_run)
REQUIRED = {"room_name", "station", "community", "committee_name", "committee_short",
            "name", "username", "password", "confirm"}
REQUIRED_MARK = "<span style='color:#c62828'>*</span>"


def required(label: str) -> str:
    """The label of a field that must be filled, marked with a red star."""
    return f"{REQUIRED_MARK} {label}"


def align_labels(*forms: QFormLayout) -> None:
    """One label width for several forms, so their boxes start at the same x (two group boxes one
    above the other otherwise each size their labels to their own longest one)."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None and item.widget() is not None
    ]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


class FirstRunDialog(RecordDialog):
    """First start: the room's details and the officer's own account, saved together."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("首次使用：设置警务室和民警账户"), parent)
        self.services = services
        self.actor: Actor | None = None
        intro = QLabel(
            tr("欢迎使用{app}。请先填写警务室信息，并为社区民警创建登录账户；"
               "之后由民警为其他团队成员添加账户。以上信息以后可在“设置”中修改。"
               "带 {star} 的为必填项。").format(app=APP_TITLE, star=REQUIRED_MARK)
        )
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        room = QGroupBox(tr("警务室信息"))
        room_form = QFormLayout(room)
        self.room: dict[str, QLineEdit] = {}
        hints = {
            "room_name": "例如：安华里社区警务室",
            "station": "例如：和平里派出所",
            "community": "例如：安华里社区",
            "committee_name": "例如：安华里社区人民调解委员会",
            "committee_short": "例如：安华（用于调解案号）",
            "officer_in_charge": "可不填",
        }
        for key, label in SETTING_LABELS.items():
            edit = QLineEdit()
            edit.setPlaceholderText(tr(hints[key]))
            limit_text(edit, SETTING_LIMITS[key])
            self.room[key] = edit
            form_row(room_form, self.errors, required(tr(label)) if key in REQUIRED else tr(label), key, edit)
        officer = QGroupBox(tr("社区民警账户"))
        off_form = QFormLayout(officer)
        self.officer_name = QLineEdit()
        self.officer_phone = QLineEdit()
        self.officer_phone.setPlaceholderText(tr("可不填"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("字母或数字，例如 wangjj"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("至少8位，含字母和数字"))
        self.confirm = QLineEdit()
        for widget, column in ((self.officer_name, TeamMember.name), (self.officer_phone, TeamMember.phone),
                               (self.username, Account.username)):
            limit_text(widget, column_limit(column))
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        for label, field, w in (
            ("民警姓名", "name", self.officer_name),
            ("联系电话", "phone", self.officer_phone),
            ("登录用户名", "username", self.username),
            ("密码", "password", self.password),
            ("确认密码", "confirm", self.confirm),
        ):
            form_row(off_form, self.errors, required(tr(label)) if field in REQUIRED else tr(label), field, w)
        align_labels(room_form, off_form)
        self.form.addRow(room)
        self.form.addRow(officer)
        self.officer_name.textEdited.connect(self._mirror_officer)
        self.setMinimumWidth(560)
        self.room["room_name"].setFocus()

    def _mirror_officer(self, text: str) -> None:
        edit = self.room["officer_in_charge"]
        if not edit.isModified():
            edit.setText(text)

    def submit(self) -> None:
        settings = RoomSettings(**{k: e.text() for k, e in self.room.items()})
        self.actor = self.services.accounts.first_run(
            settings,
            officer_name=self.officer_name.text(),
            officer_phone=self.officer_phone.text(),
            username=self.username.text(),
            password=self.password.text(),
            confirm=self.confirm.text(),
        )
