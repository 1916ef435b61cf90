"""Pieces the 活动 · 积分兑换 · 证明 tabs share: the volunteer picker, questions, formatting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QMessageBox, QWidget

from policeroom.errors import DomainError
from policeroom.services.activities.rules import fmt_hours, fmt_points
from policeroom.services.registry import Services
from policeroom.ui.roster.common import ask_text, confirm  # noqa: F401 - re-exported for the tabs
from policeroom.ui.widgets.forms import tr

#: change-bus kinds of this part (lists refresh on them)
KINDS = ("activity", "participation", "points", "redemption", "certificate")


def hours(minutes: int | None) -> str:
    return "" if minutes is None else fmt_hours(minutes)


def points(tenths: int) -> str:
    return fmt_points(tenths)


class VolunteerPicker(QComboBox):
    """A volunteer (在册) by number or name: type a part of the name or number to narrow the list."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(tr("输入姓名或志愿者编号"))
        self.addItem("", None)
        for vid, text in services.points.picker_choices():
            self.addItem(text, vid)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setMinimumWidth(260)

    def volunteer_id(self) -> int | None:
        i = self.findText(self.currentText())
        return self.itemData(i) if i >= 0 else None

    def select(self, volunteer_id: int) -> None:
        self.setCurrentIndex(max(0, self.findData(volunteer_id)))


def run(parent: QWidget, action, *args) -> bool:  # noqa: ANN001
    """Call a service; a refusal is shown in Chinese (no crash dialog). True when it went through."""
    try:
        action(*args)
    except DomainError as e:
        QMessageBox.warning(parent, tr("无法办理"), e.message)
        return False
    return True
