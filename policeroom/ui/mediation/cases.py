"""人民调解案件: the case list (visits due stand out) and the registration form (受理)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QWidget,
)

from policeroom.models import (
    CASE_KIND_LABELS,
    CASE_STATUS_LABELS,
    CaseKind,
    CaseStatus,
)
from policeroom.services.mediation.types import CaseFilter, CaseRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.mediation.case_form import KIND, CaseDialog
from policeroom.ui.mediation.detail import CaseDetailDialog
from policeroom.ui.mediation.disputes import fmt_day
from policeroom.ui.requests.model import row_colour_delegate
from policeroom.ui.widgets.forms import combo_select, refill_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

OPEN = "open"


def case_columns() -> list[Column[CaseRow]]:
    """What needs doing (状态, 提醒) comes early: the list is read on a laptop screen."""
    return [
        Column(tr("案件编号"), lambda r: r.number, "number"),
        Column(tr("受理日期"), lambda r: fmt_day(r.accepted_on), "accepted_on", export=lambda r: r.accepted_on),
        Column(tr("案由"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(tr("状态"), lambda r: CASE_STATUS_LABELS[r.status], "status"),
        Column(tr("提醒"), lambda r: r.attention),
        Column(tr("回访期限"), lambda r: fmt_day(r.visit_due), "visit_due", export=lambda r: r.visit_due),
        Column(tr("纠纷类型"), lambda r: r.dispute_type, "dispute_type"),
        Column(tr("调解员"), lambda r: r.mediators),
        Column(tr("协议日期"), lambda r: fmt_day(r.agreed_on), "agreed_on", export=lambda r: r.agreed_on),
        Column(tr("类别"), lambda r: CASE_KIND_LABELS[r.kind]),
    ]


class CaseModel(ListTableModel[CaseRow]):
    """Overdue visits in red, things due soon in yellow."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.attention:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#f8d7da" if row.visit_overdue else "#fff3cd"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#212121"))
        if row is not None and row.status == CaseStatus.archived and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#757575"))
        return super().data(index, role)


class CasesPage(ListPage):
    """The case list; a row opens the case (its records, agreement, visits and documents)."""

    kind = KIND
    noun = "调解案件"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        model = CaseModel(case_columns(), self._load)
        super().__init__(model, tr("搜索案件编号、当事人姓名、电话或身份证号、案情"), services, bus, parent)
        self.table.setItemDelegate(row_colour_delegate(self.table))
        self.new_button.setText(tr("受理案件"))
        self.edit_button.setText(tr("打开案件"))
        self.edit_button.setToolTip(tr("打开案件，办理调查、调解、协议、回访，打印文书（双击或回车）"))
        self.delete_button.hide()  # a case is never deleted: it is archived (结案归档)
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        self.status_filter.addItem(tr("未归档"), OPEN)
        for status, label in CASE_STATUS_LABELS.items():
            self.status_filter.addItem(label, status.value)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(tr("全部类别"), None)
        for kind, label in CASE_KIND_LABELS.items():
            self.kind_filter.addItem(label, kind.value)
        self.type_filter = QComboBox()
        self._fill_types()
        self.visit_due = QCheckBox(tr("只看待回访"))
        self.add_filter_row(self.status_filter, self.kind_filter, self.type_filter, self.visit_due)
        self.resize_columns([185, 95, 210, 70, 120, 95, 80, 110, 95, 70])
        bus.changed.connect(self._on_changed)
        self.reload()

    def _fill_types(self) -> None:
        refill_combo(
            self.type_filter,
            [(tr("全部纠纷类型"), None)] + [(t, t) for t in self.services.disputes.dispute_types()],
        )

    def _on_changed(self, kind: str, _ids: object) -> None:
        if kind in (KIND, "setting"):
            if kind == "setting":
                self._fill_types()
            self.reload()

    def current_filter(self) -> CaseFilter:
        status = self.status_filter.currentData()
        statuses = (
            tuple(s for s in CaseStatus if s is not CaseStatus.archived) if status == OPEN
            else (CaseStatus(status),) if status else ()
        )  # fmt: skip
        kind = self.kind_filter.currentData()
        return CaseFilter(
            query=self.query, kind=CaseKind(kind) if kind else None, statuses=statuses,
            dispute_type=self.type_filter.currentData(), visit_due_only=self.visit_due.isChecked(),
        )  # fmt: skip

    def _load(self, sort: str | None, descending: bool) -> list[CaseRow]:
        if not hasattr(self, "visit_due"):
            return []
        return self.services.cases.rows(
            self.current_filter(), sort=sort or "number", descending=descending if sort else True
        )

    def open_dialog(self, record_id: int | None) -> int | None:
        if record_id is None:
            dlg = CaseDialog(self.services, None, self)
            dlg.exec()
            if dlg.saved_id is None:
                return None
            self.bus.notify(KIND, dlg.saved_id)
            record_id = dlg.saved_id
        self.open_case(record_id)
        return record_id

    def open_case(self, case_id: int) -> None:
        CaseDetailDialog(self.services, self.bus, case_id, self).exec()

    def row_title(self, row) -> str:  # noqa: ANN001
        return row.number if row else ""

    def empty_text(self) -> str:
        if self.query or self.current_filter() != CaseFilter():
            return tr("没有符合条件的调解案件。")
        return tr("还没有调解案件。点击“受理案件”登记，或在排查台账中把纠纷“转为调解案件”。")

    def apply_preset(self, name: str) -> None:
        """``visits_due``: the cases whose follow-up visit is due (from the 工作台)."""
        self.visit_due.setChecked(name == "visits_due")
        combo_select(self.status_filter, OPEN if name == "open" else None)
