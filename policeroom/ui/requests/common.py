"""Small pieces shared by the 群众求助 screens: date-time fields, formatting, colours, member choices."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QDir, Qt, QTime
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QWidget

from policeroom.errors import DomainError
from policeroom.services.core import clock
from policeroom.services.loop.lights import Light
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import combo_select, fit_combo, tr  # noqa: F401 - fit_combo re-exported

#: row colours by the loop's light: yellow from 80 % of the step's limit, red past it, grey while parked
LIGHT_BACKGROUND = {Light.yellow: "#fff3cd", Light.red: "#f8d7da", Light.parked: "#e0e0e0"}
#: the 期限 column shows every light, green too
LIGHT_CELL = {**LIGHT_BACKGROUND, Light.green: "#d4edda"}
#: text on those rows stays dark, also under the dark theme
OVERDUE_TEXT = "#212121"
URGENT_TEXT = "#c62828"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"

_NULL = QDateTime(QDate(1800, 1, 1), QTime(0, 0))

#: qt-material styles the calendar button of QDateEdit only; give QDateTimeEdit the same arrow
DATETIME_DROPDOWN = """
QDateTimeEdit::drop-down { border: none; width: 20px; }
QDateTimeEdit::down-arrow { image: url(icon:/active/downarrow.svg); margin-right: 12px; }
QDateTimeEdit::down-arrow:focus { image: url(icon:/primary/downarrow.svg); margin-right: 12px; }
QDateTimeEdit::down-arrow:disabled { image: url(icon:/disabled/downarrow.svg); margin-right: 12px; }
"""


def _style_dropdown(edit: QDateTimeEdit) -> None:
    if QDir.searchPaths("icon"):  # the theme is loaded (not in bare tests)
        edit.setStyleSheet(DATETIME_DROPDOWN)


def fmt_dt(value: datetime | None) -> str:
    """``2026-11-23 14:05`` or an empty string."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def fmt_short(value: datetime | None) -> str:
    """``11-23 14:05`` this year, ``2025-11-23 14:05`` in another (a deadline is usually close)."""
    if value is None:
        return ""
    return value.strftime("%m-%d %H:%M" if value.year == clock.today().year else "%Y-%m-%d %H:%M")


def minute_now() -> datetime:
    """Now, to the minute: the fields show minutes, so hidden seconds must not refuse a step."""
    return clock.now_minute()


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second))


def to_datetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


class DateTimeEdit(QDateTimeEdit):
    """A date-and-time field to the minute with a calendar, defaulting to now."""

    def __init__(self, value: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATETIME_FORMAT)
        _style_dropdown(self)
        self.set_value(value or minute_now())

    def value(self) -> datetime:
        return to_datetime(self.dateTime())

    def set_value(self, value: datetime) -> None:
        self.setDateTime(to_qdatetime(value))


class OptionalDateTimeEdit(QDateTimeEdit):
    """A date-and-time field that may stay empty (“未填”); touching it starts from now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATETIME_FORMAT)
        _style_dropdown(self)
        self.setMinimumDateTime(_NULL)
        self.setSpecialValueText(tr("未填"))
        self.setDateTime(_NULL)

    def value(self) -> datetime | None:
        return None if self.dateTime() == _NULL else to_datetime(self.dateTime())

    def set_value(self, value: datetime | None) -> None:
        self.setDateTime(to_qdatetime(value) if value else _NULL)

    def _start(self) -> None:
        if self.value() is None:
            self.set_value(minute_now())

    # Starting from 1800-01-01 would make the person scroll two centuries: jump to now first.
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._start()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.value() is None and (event.text().isdigit() or event.key() in _STEP_KEYS):
            self._start()
        super().keyPressEvent(event)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if self.value() is None:
            self._start()
            return
        super().stepBy(steps)


_STEP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def member_combo(
    services: Services, selected: int | None = None, *, empty: str | None = None, include_left: bool = False
) -> QComboBox:
    """A combo of team members (active ones unless ``include_left``), each item carrying the member id.

    Args:
        services: The signed-in services.
        selected: The member to select; added (marked 已离岗) if no longer active.
        empty: Label of a first item with no member (e.g. "请选择"), or None for no such item.
        include_left: List members who have left too (filters over old records).
    """
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    members = services.team.list(include_left=include_left)
    for m in members:
        combo.addItem(m.name if m.active else tr("{name}（已离岗）").format(name=m.name), m.id)
    if selected is not None and combo.findData(selected) < 0:
        try:
            m = services.team.get(selected)
            combo.addItem(tr("{name}（已离岗）").format(name=m.name), m.id)
        except DomainError:  # a deleted member: leave the choice empty
            pass
    combo_select(combo, selected)
    return combo
