"""Pieces the 活动 · 积分兑换 · 证明 tabs share: the volunteer picker, questions, formatting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QMessageBox,
    QTableView,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.activities.rules import fmt_hours, fmt_points
from policeroom.services.registry import Services
from policeroom.ui.roster.common import ask_text, confirm  # noqa: F401 - re-exported for the tabs
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.table import IdRole, ListTableModel

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


class ViewExport:
    """A table of one of these tabs as an exportable page (``ui.widgets.list_export``): the one list writer."""

    def __init__(self, services: Services, view, what: str, filters: str = "") -> None:  # noqa: ANN001 - QTableView
        self.services, self.table, self.model, self.what, self.filters = services, view, view.model(), what, filters

    def filter_summary(self) -> str:
        return self.filters

    def export_spec(self):  # noqa: ANN201 - ExportSpec
        from policeroom.services.core import clock
        from policeroom.ui.widgets.list_export import ExportSpec, columns_as_shown, export_title

        return ExportSpec(
            title=export_title(self, self.what), file_name=f"{self.what}-{clock.today():%Y%m%d}.xlsx",
            columns=columns_as_shown(self), rows=self.model.export_rows, count=self.model.rowCount(),
        )  # fmt: skip


def export_view(parent: QWidget, services: Services, view, what: str, filters: str = ""):  # noqa: ANN001, ANN201
    """导出Excel of a tab's table: every row as listed, through the one list writer; in the history."""
    from policeroom.ui.widgets.list_export import export_list

    return export_list(ViewExport(services, view, what, filters), parent)


def table(model: ListTableModel, widths: list[int]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, w in enumerate(widths):
        view.setColumnWidth(i, w)
    return view


def selected_id(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return view.model().data(view.model().index(rows[0].row(), 0), IdRole) if rows else None
