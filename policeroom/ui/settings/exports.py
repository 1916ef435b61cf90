"""设置 › 导出记录 (officer only): every export and print of personal data, from the history.

Who exported or printed which list, when, with which search and filters, how many rows, and whether
identity numbers and phones went out in full or masked. Searchable, sortable and itself exportable
(that export is recorded too). Nothing here can be edited or deleted: it is the history.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from policeroom.services.core.exports import OUTPUT_ACTIONS, ExportRecord
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel


def export_columns() -> list[Column[ExportRecord]]:
    return [
        Column(tr("时间"), lambda r: f"{r.at:%Y-%m-%d %H:%M}", "at", export=lambda r: r.at),
        Column(tr("操作人"), lambda r: r.actor, "actor"),
        Column(tr("类型"), lambda r: r.kind, "kind"),
        Column(tr("列表或文书"), lambda r: r.what, "what", tooltip=lambda r: r.what),
        Column(tr("搜索和筛选"), lambda r: r.filters, "filters", tooltip=lambda r: r.filters),
        Column(tr("行数"), lambda r: "" if r.rows is None else r.rows, "rows", align_right=True),
        Column(tr("号码是否完整"), lambda r: r.personal, "personal"),  # not "身份证…": it would be masked
    ]


class ExportHistoryPage(ListPage):
    """The export and print log, newest first; read-only."""

    kind = "output"
    noun = "导出记录"
    export_name = "导出记录"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        self.bus = bus
        model: ListTableModel[ExportRecord] = ListTableModel(export_columns(), self._load)
        model.sort_key, model.descending = "at", True
        self.kind_filter = QComboBox()
        super().__init__(model, tr("搜索：操作人、列表名称、筛选条件、完整或已隐藏"), services, bus, parent)
        for b in (self.new_button, self.edit_button, self.delete_button, self.history_button):
            b.hide()  # the history itself: nothing to add, edit or delete
        self.export_full.hide()  # no identity number or phone in this list
        self.kind_filter.addItem(tr("全部类型"), None)
        for action, label in OUTPUT_ACTIONS.items():
            self.kind_filter.addItem(tr(label), action)
        self.filters.addWidget(self.kind_filter)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.reload()
        self.resize_columns([130, 90, 60, 220, 260, 60, 110])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def _load(self, sort: str | None, descending: bool) -> list[ExportRecord]:
        kind = self.kind_filter.currentData() if self.kind_filter.count() else None
        return self.services.exports.list(self.query, kind=kind, sort=sort or "at", descending=descending)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.reload()  # exports happen on other pages: show the newest when the tab is opened

    def empty_text(self) -> str:
        if self.query or self.kind_filter.currentIndex() > 0:
            return tr("没有相符的导出记录。")
        return tr("还没有导出或打印记录。每次导出Excel或打印含个人信息的文书，都会在这里记下是谁、何时、"
                  "导出了哪个列表、用了什么筛选、多少行、身份证号和电话是否完整。")

    def can_create(self) -> bool:
        return False

    def can_edit(self) -> bool:
        return False

    def can_delete(self) -> bool:
        return False

    def row_title(self, row: ExportRecord | None) -> str:  # type: ignore[override]
        return f"{row.kind}{row.what}" if row is not None else ""


__all__ = ["ExportHistoryPage", "export_columns"]
