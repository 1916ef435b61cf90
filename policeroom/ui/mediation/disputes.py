"""矛盾纠纷排查台账: the screening ledger list (red entries stand out) and the entry form."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from policeroom.models import DISPUTE_STATUS_LABELS, RISK_LABELS, DisputeStatus, Risk
from policeroom.models.mediation import DisputeEntry
from policeroom.services.mediation.types import DisputeFilter, DisputeInput, DisputeRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import OptionalDateTimeEdit, member_combo
from policeroom.ui.requests.model import row_colour_delegate
from policeroom.ui.widgets.dates import today_qdate
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, refill_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "dispute_entry"
OPEN = "open"

#: 四色预警: the row's background by risk (red strongest); text stays dark on it, also in the dark theme
RISK_BACKGROUND = {Risk.red: "#f8d7da", Risk.orange: "#ffe5cc"}
RISK_TEXT = {Risk.red: "#c62828", Risk.orange: "#e65100", Risk.yellow: "#b28704", Risk.blue: "#1565c0"}
DARK_TEXT = "#212121"


def fill_dispute_types(combo: QComboBox, services: Services) -> None:
    """The dispute-type filter: 全部纠纷类型 and the configured types."""
    refill_combo(combo, [(tr("全部纠纷类型"), None)] + [(t, t) for t in services.disputes.dispute_types()])


def dispute_type_combo(services: Services) -> QComboBox:
    """纠纷类型 of a new record: it must be chosen, so the list starts blank (请选择…), not at the first type."""
    combo = QComboBox()
    combo.addItem(tr("请选择…"), None)
    for t in services.disputes.dispute_types():
        combo.addItem(t, t)
    return combo


def fmt_day(d: date | None) -> str:
    return d.isoformat() if d else ""


def dispute_columns() -> list[Column[DisputeRow]]:
    return [
        Column(tr("编号"), lambda r: r.number, "number"),
        Column(
            tr("排查日期"), lambda r: fmt_day(r.screened_on), "screened_on", export=lambda r: r.screened_on
        ),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("纠纷类型"), lambda r: r.dispute_type, "dispute_type"),
        Column(tr("当事人"), lambda r: r.parties, tooltip=lambda r: r.parties),
        Column(tr("人数"), lambda r: r.people_count, "people_count", align_right=True),
        Column(tr("简要情况"), lambda r: r.summary.replace("\n", " "), tooltip=lambda r: r.summary),
        Column(tr("风险"), lambda r: RISK_LABELS[r.risk], "risk"),
        Column(tr("化解责任人"), lambda r: r.owner),
        Column(
            tr("化解时限"),
            lambda r: fmt_day(r.deadline) + (tr("（超期）") if r.overdue else ""),
            "deadline",
            export=lambda r: r.deadline,
        ),
        Column(tr("状态"), lambda r: DISPUTE_STATUS_LABELS[r.status], "status"),
        Column(tr("化解日期"), lambda r: fmt_day(r.resolved_on), export=lambda r: r.resolved_on),
        Column(tr("调解案件"), lambda r: r.case_number),
    ]


class DisputeModel(ListTableModel[DisputeRow]):
    """The ledger rows; red and orange entries are tinted, the risk cell is coloured."""

    RISK_COLUMN = 7

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None:
            if role == Qt.ItemDataRole.BackgroundRole and row.risk in RISK_BACKGROUND:
                return QBrush(QColor(RISK_BACKGROUND[row.risk]))
            if role == Qt.ItemDataRole.ForegroundRole:
                if index.column() == self.RISK_COLUMN:
                    return QBrush(QColor(RISK_TEXT[row.risk]))
                if row.risk in RISK_BACKGROUND or row.overdue:
                    return QBrush(QColor("#c62828" if row.overdue and index.column() == 9 else DARK_TEXT))
            if role == Qt.ItemDataRole.FontRole and (
                index.column() == self.RISK_COLUMN or row.risk is Risk.red
            ):
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class DisputesPage(ListPage):
    """The screening ledger. Signals ``to_case(int)`` when an entry is to become a mediation case."""

    kind = KIND
    noun = "纠纷"
    to_case = Signal(int)

    @staticmethod
    def export_row_fill(row: Any) -> str | None:
        """红/橙 entries keep their colour in the exported file, as on screen."""
        colour = RISK_BACKGROUND.get(getattr(row, "risk", None))
        return colour.lstrip("#").upper() if colour else None

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        model = DisputeModel(dispute_columns(), self._load)
        super().__init__(model, tr("搜索编号、当事人姓名或电话、情况、地点"), services, bus, parent)
        self.table.setItemDelegate(row_colour_delegate(self.table))
        self.dialog_class = DisputeDialog
        self.case_button = QPushButton(tr("转为调解案件"))
        self.case_button.setToolTip(tr("以此纠纷的情况和当事人登记一件人民调解案件"))
        self.case_button.clicked.connect(self._to_case)
        self.layout().itemAt(0).layout().insertWidget(4, self.case_button)
        self.import_button = QPushButton(tr("导入Excel"))
        self.import_button.setToolTip(tr("从 Excel 矛盾纠纷排查台账批量导入（先预览、核对，确认后才写入）"))
        self.import_button.clicked.connect(self.import_excel)
        bar = self.layout().itemAt(0).layout()
        bar.insertWidget(bar.indexOf(self.export_button), self.import_button)

        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        self.status_filter.addItem(tr("未化解和化解中"), OPEN)
        for status, label in DISPUTE_STATUS_LABELS.items():
            self.status_filter.addItem(label, status.value)
        self.risk_filter = QComboBox()
        self.risk_filter.addItem(tr("全部风险等级"), None)
        for risk, label in RISK_LABELS.items():
            self.risk_filter.addItem(tr("{c}色").format(c=label), risk.value)
        self.type_filter = QComboBox()
        self._fill_types()
        self.overdue_only = QCheckBox(tr("只看超期"))
        self.add_filter_row(self.status_filter, self.risk_filter, self.type_filter, self.overdue_only)
        # thirteen columns do not fit 1366 pixels: 人数 and 化解日期 stay in the export and the entry itself
        self.resize_columns([95, 88, 136, 80, 108, 50, 120, 50, 90, 140, 64, 88, 150])
        self.table.setColumnHidden(5, True)
        self.table.setColumnHidden(11, True)
        bus.changed.connect(self._on_changed)
        self.reload()

    def import_excel(self) -> None:
        """导入Excel: the screening ledger kept in Excel, through the import wizard."""
        from policeroom.ui.mediation.dispute_import import DisputeImportDialog

        dlg = DisputeImportDialog(self.services, self)
        dlg.exec()
        if dlg.result_counts is not None:
            self.bus.notify(self.kind)

    def _fill_types(self) -> None:
        refill_combo(
            self.type_filter,
            [(tr("全部纠纷类型"), None)] + [(t, t) for t in self.services.disputes.dispute_types()],
        )

    def _on_changed(self, kind: str, _ids: object) -> None:
        if kind in (KIND, "mediation_case", "setting"):
            if kind == "setting":
                self._fill_types()
            self.reload()

    def current_filter(self) -> DisputeFilter:
        status = self.status_filter.currentData()
        statuses = (
            (DisputeStatus.unresolved, DisputeStatus.in_progress) if status == OPEN
            else (DisputeStatus(status),) if status else ()
        )  # fmt: skip
        risk = self.risk_filter.currentData()
        return DisputeFilter(
            query=self.query, statuses=statuses, risk=Risk(risk) if risk else None,
            dispute_type=self.type_filter.currentData(), overdue_only=self.overdue_only.isChecked(),
        )  # fmt: skip

    def _load(self, sort: str | None, descending: bool) -> list[DisputeRow]:
        if not hasattr(self, "overdue_only"):
            return []
        return self.services.disputes.rows(
            self.current_filter(), sort=sort or "number", descending=descending if sort else True
        )

    def record_service(self):  # noqa: ANN201
        return self.services.disputes

    def delete_record(self, record_id: int) -> str:
        self.services.disputes.delete(record_id)
        self.bus.notify(KIND, record_id)
        return "deleted"

    def row_title(self, row) -> str:  # noqa: ANN001
        return row.number if row else ""

    def empty_text(self) -> str:
        if self.query or self.current_filter() != DisputeFilter():
            return tr("没有符合条件的纠纷。")
        return tr("台账里还没有纠纷。排查中发现矛盾纠纷时，点击“新建纠纷”登记。")

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "case_button"):
            row = self.selected_row()
            self.case_button.setEnabled(row is not None and not row.case_number)

    def _to_case(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.case_number:
            QMessageBox.information(
                self, tr("已转案"), tr("该纠纷已转为调解案件 {n}。").format(n=row.case_number)
            )
            return
        self.to_case.emit(row.id)


class DisputeDialog(RecordDialog):
    """A ledger entry: where and when it was found, who is involved, how risky, who resolves it by when."""

    limits_from = DisputeEntry  # text fields show the limits the service enforces

    def __init__(self, services: Services, entry_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("登记矛盾纠纷") if entry_id is None else tr("编辑矛盾纠纷"), parent)
        from policeroom.ui.mediation.parties import PartiesEditor

        self.services = services
        self.entry_id = entry_id
        self.saved_id: int | None = None
        self.screened_on = self.add_field(tr("排查日期"), "screened_on", QDateEdit())
        self.screened_on.setCalendarPopup(True)
        self.screened_on.setDisplayFormat("yyyy-MM-dd")
        self.screened_on.setDate(today_qdate())
        self.grid = QComboBox()
        self.grid.addItem(tr("未填"), None)
        for g in services.grids.list():
            self.grid.addItem(f"{g.code} {g.name}", g.id)
        self.add_field(tr("网格"), "grid_id", self.grid)
        self.screener = self.add_field(tr("排查人"), "screener_id", member_combo(services, empty=tr("未填")))
        self.occurred_at = self.add_field(tr("发生时间"), "occurred_at", OptionalDateTimeEdit())
        self.location = self.add_field(tr("地点"), "location", QLineEdit())
        self.dispute_type = dispute_type_combo(services)
        self.add_field(tr("纠纷类型"), "dispute_type", self.dispute_type)
        self.risk = QComboBox()
        for risk, label in RISK_LABELS.items():
            self.risk.addItem(tr("{c}色").format(c=label), risk.value)
        combo_select(self.risk, Risk.yellow.value)
        self.add_field(tr("风险等级"), "risk", self.risk)
        self.people_count = self.add_field(tr("涉及人数"), "people_count", QSpinBox())
        self.people_count.setRange(1, 100000)
        self.people_count.setValue(2)
        self.people_count.setSuffix(tr(" 人"))
        self.parties = self.add_field(tr("当事人"), "parties", PartiesEditor(services, full=False))
        self.add_column()
        self.summary = self.add_field(tr("简要情况"), "summary", QPlainTextEdit())
        self.summary.setFixedHeight(70)
        self.demands = self.add_field(tr("主要诉求"), "demands", QPlainTextEdit())
        self.demands.setFixedHeight(50)
        self.owner = self.add_field(tr("化解责任人"), "owner_id", member_combo(services, empty=tr("未填")))
        self.measures = self.add_field(tr("化解措施"), "measures", QPlainTextEdit())
        self.measures.setFixedHeight(50)
        self.deadline = self.add_field(tr("化解时限"), "deadline", OptionalDateEdit())
        self.status = QComboBox()
        for status, label in DISPUTE_STATUS_LABELS.items():
            self.status.addItem(label, status.value)
        self.add_field(tr("化解状态"), "status", self.status)
        self.resolved_on = self.add_field(tr("化解日期"), "resolved_on", OptionalDateEdit())
        self.resolved_on.setToolTip(tr("已化解时填写；不填则记为今天"))
        self.transferred_to = self.add_field(tr("移交单位"), "transferred_to", QLineEdit())
        self.transferred_to.setPlaceholderText(tr("已移交时填写，例如 街道司法所"))
        self.stabilizing = self.add_field(tr("稳控措施"), "stabilizing", QPlainTextEdit())
        self.stabilizing.setFixedHeight(50)
        self.revisit_notes = self.add_field(tr("回访情况"), "revisit_notes", QPlainTextEdit())
        self.revisit_notes.setFixedHeight(50)
        self.notes = self.add_field(tr("备注"), "notes", QLineEdit())
        self.parties.changed.connect(self._parties_changed)
        self.case_number = ""
        if entry_id is not None:
            d = services.disputes.get(entry_id)
            self.case_number = d.case_number
            self.enable_history(d.number, lambda: services.history(KIND, entry_id))
            self._show(d.data)
        else:  # a new entry: the signed-in person screened it
            combo_select(self.screener, services.actor.member_id)
        self.setMinimumWidth(1000)

    def _parties_changed(self) -> None:
        n = len(self.parties.parties)
        if n > self.people_count.value():
            self.people_count.setValue(n)
        if self.grid.currentData() is None:  # not chosen yet: the grid of the first linked resident
            for p in self.parties.parties:
                grid_id = self.services.residents.get(p.resident_id).grid_id if p.resident_id else None
                if grid_id is not None and self.grid.findData(grid_id) >= 0:
                    combo_select(self.grid, grid_id)
                    break

    def _show(self, d: DisputeInput) -> None:
        self.screened_on.setDate(QDate(d.screened_on.year, d.screened_on.month, d.screened_on.day))
        combo_select(self.grid, d.grid_id)
        combo_select(self.screener, d.screener_id)
        self.occurred_at.set_value(d.occurred_at)
        self.location.setText(d.location)
        if self.dispute_type.findData(d.dispute_type) < 0:
            self.dispute_type.addItem(d.dispute_type, d.dispute_type)
        combo_select(self.dispute_type, d.dispute_type)
        self.parties.set_parties(d.parties)
        self.people_count.setValue(d.people_count)
        self.summary.setPlainText(d.summary)
        self.demands.setPlainText(d.demands)
        combo_select(self.risk, Risk(d.risk).value)
        combo_select(self.owner, d.owner_id)
        self.measures.setPlainText(d.measures)
        self.deadline.set_value(d.deadline)
        combo_select(self.status, DisputeStatus(d.status).value)
        self.resolved_on.set_value(d.resolved_on)
        self.transferred_to.setText(d.transferred_to)
        self.stabilizing.setPlainText(d.stabilizing)
        self.revisit_notes.setPlainText(d.revisit_notes)
        self.notes.setText(d.notes)

    def data(self) -> DisputeInput:
        q = self.screened_on.date()
        occurred: datetime | None = self.occurred_at.value()
        return DisputeInput(
            screened_on=date(q.year(), q.month(), q.day()), dispute_type=self.dispute_type.currentData() or "",
            risk=Risk(self.risk.currentData()), summary=self.summary.toPlainText(), grid_id=self.grid.currentData(),
            screener_id=self.screener.currentData(), occurred_at=occurred, location=self.location.text(),
            people_count=self.people_count.value(), demands=self.demands.toPlainText(),
            owner_id=self.owner.currentData(), measures=self.measures.toPlainText(), deadline=self.deadline.value(),
            status=DisputeStatus(self.status.currentData()), transferred_to=self.transferred_to.text(),
            resolved_on=self.resolved_on.value(),
            stabilizing=self.stabilizing.toPlainText(), revisit_notes=self.revisit_notes.toPlainText(),
            notes=self.notes.text(), parties=list(self.parties.parties),
        )  # fmt: skip

    def submit(self) -> None:
        if self.entry_id is None:
            self.saved_id = self.services.disputes.create(self.data())
        else:
            self.services.disputes.update(self.entry_id, self.data())
            self.saved_id = self.entry_id
