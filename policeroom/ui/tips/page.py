"""The tips list (线索登记): number, channel, category, subject, place, grid, 举报人 (always 已密封), status,
handler, the step's due date and light. Double-click opens the tip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QMessageBox, QPushButton, QWidget

from policeroom.errors import DomainError
from policeroom.services.loop.lights import Light
from policeroom.services.registry import Services
from policeroom.services.tips.rules import STATUS_LABELS
from policeroom.services.tips.types import TipFilter, TipRow
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import LIGHT_CELL, fmt_dt, fmt_short
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "tip"
DUE_COLUMN = 9


def _due(r: TipRow) -> str:
    if r.due is None:
        return ""
    mark = {Light.red: tr("超期"), Light.yellow: tr("临期")}.get(r.light)
    return fmt_short(r.due) + (" " + mark if mark else "")


def tip_columns() -> list[Column[TipRow]]:
    """The list's columns; 地点 last, taking the spare width (同一事项 shows in the tip itself)."""
    return [
        Column(tr("线索编号"), lambda r: r.number),
        Column(tr("受理日期"), lambda r: f"{r.received_at:%Y-%m-%d}", tooltip=lambda r: fmt_dt(r.received_at),
               export=lambda r: r.received_at),
        Column(tr("来源渠道"), lambda r: r.channel),
        Column(tr("线索类别"), lambda r: r.category),
        Column(tr("被举报对象"), lambda r: r.subject, tooltip=lambda r: r.subject),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("举报人"), lambda r: r.tipster),
        Column(tr("状态"), lambda r: r.status_label),
        Column(tr("核查人"), lambda r: r.handler),
        Column(tr("期限"), _due),
        Column(tr("地点"), lambda r: r.place, tooltip=lambda r: r.place),
    ]


class TipModel(ListTableModel[TipRow]):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == DUE_COLUMN:
            row = self.row_at(index.row())
            colour = LIGHT_CELL.get(row.light) if row is not None and row.due is not None else None
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


class TipsPage(ListPage):
    kind = KIND
    noun = "线索"
    export_name = "线索举报台账"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), "")
        self.status_filter.addItem(tr("未办结"), "open")
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, key)
        self.category_filter = QComboBox()
        self.category_filter.addItem(tr("全部类别"), "")
        for c in services.tips.settings().categories:
            self.category_filter.addItem(c, c)
        model = TipModel(tip_columns(), self._load)
        super().__init__(model, tr("搜索编号、被举报对象、地点、内容"), services, bus, parent)
        self.new_button.setText(tr("登记线索"))
        self.edit_button.setText(tr("办理"))
        self.delete_button.hide()
        self.export_full.hide()
        self.print_receipt = QPushButton(tr("补打受理回执"))
        self.print_receipt.clicked.connect(self.reprint)
        self.layout().itemAt(0).layout().insertWidget(4, self.print_receipt)
        self.add_filter_row(self.status_filter, self.category_filter)
        from policeroom.ui.requests.model import row_colour_delegate

        self.table.setItemDelegate(row_colour_delegate(self.table))  # the theme hides BackgroundRole otherwise
        bus.changed.connect(lambda kind, _ids: self.reload() if kind == KIND else None)
        self.reload()
        self.resize_columns([118, 92, 82, 176, 140, 100, 64, 110, 64, 132, 100])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(len(tip_columns()) - 1, QHeaderView.ResizeMode.Stretch)

    def export_spec(self):  # noqa: ANN201 - an ExportSpec
        """As on screen, without the 举报人 column: the file has no column of the tipster of any kind."""
        from dataclasses import replace

        spec = super().export_spec()
        return replace(spec, columns=[c for c in spec.columns if c.header != tr("举报人")])

    def _load(self, _sort: str | None, _descending: bool) -> list[TipRow]:
        f = TipFilter(query=self.query, status=self.status_filter.currentData() or "",
                      category=self.category_filter.currentData() or "")  # fmt: skip
        return self.services.tips.rows(f)

    def reload(self, select_id: int | None = None) -> None:
        if not hasattr(self, "print_receipt"):
            return
        try:
            self.services.tips.settle_lapses()
        except DomainError:
            pass
        super().reload(select_id)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "print_receipt"):
            self.print_receipt.setEnabled(self.selected_id() is not None)

    def empty_text(self) -> str:
        if self.query:
            return super().empty_text()
        return tr("还没有举报线索。点击“登记线索”记录群众举报，系统会生成查询码和受理回执。")

    def row_title(self, row) -> str:  # noqa: ANN001
        return row.number if row is not None else ""

    def open_dialog(self, record_id: int | None) -> int | None:
        if record_id is None:
            from policeroom.ui.tips.register import CodeDialog, TipDialog

            dlg = TipDialog(self.services, self)
            dlg.exec()
            if dlg.intake is None:
                return None
            self.bus.notify(KIND, dlg.intake.tip_id)
            CodeDialog(self.services, dlg.intake, self).exec()
            return dlg.intake.tip_id
        from policeroom.ui.tips.detail import TipDetailDialog

        TipDetailDialog(self.services, self.bus, record_id, self).exec()
        return record_id

    def reprint(self) -> None:
        from policeroom.reports.tips.papers import receipt_pdf
        from policeroom.ui.widgets.pdf_output import present_pdf

        tip_id = self.selected_id()
        if tip_id is None:
            return
        try:
            paper = self.services.tips.paper(tip_id, "receipt")
        except DomainError as e:
            QMessageBox.warning(self, tr("无法打印"), e.message)
            return
        self.services.record_output("print", f"举报受理回执（补打） {paper.number}")
        present_pdf(self, receipt_pdf(paper), f"举报受理回执-{paper.number}.pdf")
