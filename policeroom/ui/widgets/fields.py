"""Input widgets used by several forms: an optional date, an ID-number field, a tick list."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, QDir, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QLineEdit, QListWidget, QListWidgetItem, QWidget

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


CHECKBOX_INDICATORS = """
QListView::indicator:unchecked { image: url(icon:/primary/checkbox_unchecked.svg); }
QListView::indicator:checked { image: url(icon:/primary/checkbox_checked.svg); }
QListView::indicator:unchecked:disabled { image: url(icon:/disabled/checkbox_unchecked.svg); }
QListView::indicator:checked:disabled { image: url(icon:/disabled/checkbox_checked.svg); }
"""


class CheckList(QListWidget):
    """A list of checkable records (grids, grid workers); ``checked_ids()`` returns the ticked ones."""

    VISIBLE_ROWS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        if QDir.searchPaths("icon"):
            # qt-material draws nothing for an unchecked list item (a "checklist"); in a form that
            # hides what can be ticked, so show real check boxes as QCheckBox does.
            self.setStyleSheet(CHECKBOX_INDICATORS)
        self._fit_height()
        self._pressed: tuple[QListWidgetItem, Qt.CheckState] | None = None

    def set_items(self, items: Iterable[tuple[int, str]], checked: Iterable[int] = ()) -> None:
        """Fill the list with (id, label) pairs, ticking the ids in ``checked``."""
        ticked = set(checked)
        self.clear()
        for record_id, label in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if record_id in ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self._fit_height()

    def _fit_height(self) -> None:
        """Show up to VISIBLE_ROWS lines without scrolling, and never fewer than three."""
        self.ensurePolished()
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 8
        rows = min(max(self.count(), 3), self.VISIBLE_ROWS)
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 4)

    def set_checked(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        for i in range(self.count()):
            item = self.item(i)
            state = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[int]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    # A click anywhere on the line ticks it, not only a click on the small box: remember the state at
    # the press, and toggle on release if Qt did not already (the click was on the text).
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.itemAt(event.position().toPoint())
        self._pressed = (item, item.checkState()) if item is not None else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, None
        if pressed is None or event.button() != Qt.MouseButton.LeftButton:
            return
        item, before = pressed
        under = self.itemAt(event.position().toPoint())
        if under is not None and self.row(under) == self.row(item) and item.checkState() == before:
            after = Qt.CheckState.Unchecked if before == Qt.CheckState.Checked else Qt.CheckState.Checked
            item.setCheckState(after)
