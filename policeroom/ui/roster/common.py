"""Small pieces shared by the roster tabs: a list with its buttons, member and date fields, messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.services.roster.types import ROLE_LABELS, ROSTER_ROLES
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.table import Column, ListTableModel, RowRole

NOTE_STYLE = "background: #fff8e1; color: #6d4c00; border: 1px solid #ffe082; padding: 6px; border-radius: 4px;"
OK_STYLE = "color: #2e7d32;"
FAIL_STYLE = "color: #c62828;"


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    set_date(edit, value or clock.today())
    return edit


def set_date(edit: QDateEdit, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def member_combo(services: Services, *, only_self: bool = False, blank: str | None = None) -> QComboBox:
    """Rostered team members (officer, staff, grid workers); grid workers see only themselves."""
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, None)
    me = services.actor.member_id
    limited = only_self and not services.actor.can(Perm.edit_roster)
    for m in services.team.list():
        if m.role.value not in ROSTER_ROLES or (limited and m.id != me):
            continue
        combo.addItem(f"{m.name}（{ROLE_LABELS.get(m.role.value, '')}）", m.id)
    return combo


def table_for(model: ListTableModel, on_open: Callable[[], None] | None = None) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
    table.setSortingEnabled(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    if on_open is not None:
        table.doubleClicked.connect(lambda _i: on_open())
    return table


def selected(table: QTableView) -> object | None:
    index = table.currentIndex()
    if not index.isValid():
        return None
    return table.model().data(table.model().index(index.row(), 0), RowRole)


def select_row(table: QTableView, row: int) -> None:
    table.selectRow(row)
    table.setCurrentIndex(table.model().index(row, 0))


def button_bar(*buttons: QWidget, stretch_first: QWidget | None = None) -> QHBoxLayout:
    bar = QHBoxLayout()
    if stretch_first is not None:
        bar.addWidget(stretch_first)
    for b in buttons:
        bar.addWidget(b)
    bar.addStretch(1)
    return bar


def button(text: str, slot: Callable[[], None], enabled: bool = True) -> QPushButton:
    b = QPushButton(tr(text))
    b.clicked.connect(lambda _c=False: slot())
    b.setEnabled(enabled)
    return b


def title(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def attempt(parent: QWidget, what: str, fn: Callable[[], object]) -> bool:
    """Run a service call; a refusal is shown in plain Chinese. True when it went through."""
    try:
        fn()
    except DomainError as e:
        QMessageBox.warning(parent, tr(what), e.message)
        return False
    return True


def confirm(parent: QWidget, title_: str, text: str, yes: str = "确定") -> bool:
    """A yes/no question with Chinese buttons (no Qt translation is installed for Yes / No)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr(title_), tr(text), parent=parent)
    ok = box.addButton(tr(yes), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def ask_text(parent: QWidget, title_: str, label: str, text: str = "") -> tuple[str, bool]:
    """One line of text (an approval note) with Chinese buttons; (text, accepted)."""
    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title_)
    dlg.setLabelText(label)
    dlg.setTextValue(text)
    dlg.setOkButtonText(tr("确定"))
    dlg.setCancelButtonText(tr("取消"))
    accepted = bool(dlg.exec())
    return dlg.textValue(), accepted


def list_model(columns: Sequence[Column], load: Callable[[], list]) -> ListTableModel:
    """A short list held in memory; clicking a header sorts by that column's shown value."""
    cols = [replace(c, sort=str(i)) for i, c in enumerate(columns)]

    def rows(key: str | None, descending: bool) -> list:
        out = load()
        if key is not None:
            value = cols[int(key)].value
            out.sort(key=lambda r: _sort_key(value(r)), reverse=descending)
        return out

    return ListTableModel(cols, rows)


def _sort_key(v: object) -> tuple[int, float, str]:
    """Numbers before text, numbers by value, empty cells last."""
    if v is None or v == "":
        return (2, 0, "")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return (0, v, "")
    text = str(v)
    return (0, int(text), "") if text.isdigit() else (1, 0, text)
