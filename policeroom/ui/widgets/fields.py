"""Input widgets used by several forms: an optional date, an ID-number field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from policeroom.ui.widgets.forms import tr

_NULL = QDate(1800, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date picker that may be left empty (shows “未填”)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_NULL)
        self.setSpecialValueText(tr("未填"))
        self.setDate(_NULL)

    def value(self) -> date | None:
        d = self.date()
        return None if d == _NULL else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else _NULL)


class IdNumberEdit(QLineEdit):
    """An ID-number field: 18 characters, lower-case x shown upper-case; `checked` after editing."""

    checked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(20)
        self.setPlaceholderText(tr("18位居民身份证号码，可不填"))
        self.editingFinished.connect(lambda: self.checked.emit(self.text()))
        self.textEdited.connect(self._upper)

    def _upper(self, text: str) -> None:
        if "x" in text:
            pos = self.cursorPosition()
            self.setText(text.replace("x", "X"))
            self.setCursorPosition(pos)
