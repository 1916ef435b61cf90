"""人民调解案件: the case list (visits due stand out) and the registration form (受理)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from policeroom.models import (
    CASE_KIND_LABELS,
    CASE_SOURCE_LABELS,
    CASE_STATUS_LABELS,
    CaseKind,
    CaseSource,
    CaseStatus,
)
from policeroom.services.mediation.types import CaseFilter, CaseInput, CaseRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.mediation.disputes import fmt_day
from policeroom.ui.requests.common import member_combo
from policeroom.ui.requests.model import row_colour_delegate
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, combo_select, refill_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "mediation_case"
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
        from policeroom.ui.mediation.detail import CaseDetailDialog

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


class CaseDialog(RecordDialog):
    """受理 a case, or correct its registration. A draft (from a ledger entry) pre-fills the form."""

    def __init__(
        self, services: Services, case_id: int | None, parent: QWidget | None = None, *,
        draft: CaseInput | None = None, entry_id: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(tr("受理调解案件") if case_id is None else tr("编辑案件登记"), parent)
        from policeroom.ui.mediation.parties import PartiesEditor

        self.services = services
        self.case_id = case_id
        self.entry_id = entry_id
        self.saved_id: int | None = None
        self.kind = QComboBox()
        for kind, label in CASE_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.kind.setToolTip(tr("治安调解由社区民警主持，使用治安调解协议书，以派出所名义制作"))
        self.add_field(tr("调解类别"), "kind", self.kind)
        self.source = QComboBox()
        for source, label in CASE_SOURCE_LABELS.items():
            self.source.addItem(label, source.value)
        self.add_field(tr("案件来源"), "source", self.source)
        self.dispute_type = QComboBox()
        for t in services.disputes.dispute_types():
            self.dispute_type.addItem(t, t)
        self.add_field(tr("纠纷类型"), "dispute_type", self.dispute_type)
        self.accepted_on = self.add_field(tr("受理日期"), "accepted_on", QDateEdit())
        self.accepted_on.setCalendarPopup(True)
        self.accepted_on.setDisplayFormat("yyyy-MM-dd")
        self.accepted_on.setDate(QDate.currentDate())
        self.title = self.add_field(tr("案由"), "title", QLineEdit())
        self.title.setPlaceholderText(tr("可不填，默认“张三与李四邻里纠纷”"))
        self.title.setMaxLength(100)
        self.parties = self.add_field(tr("当事人"), "parties", PartiesEditor(services, full=True))
        self.mediators = self.add_field(tr("人民调解员"), "mediator_ids", CheckList())
        self.mediators.setFixedHeight(96)
        self.recorder = self.add_field(tr("记录人"), "recorder_id", member_combo(services, empty=tr("未填")))
        self.registrar = self.add_field(
            tr("登记人"), "registrar_id", member_combo(services, empty=tr("未填"))
        )
        self.add_column()
        self.facts = self.add_field(tr("纠纷主要事实"), "facts", QPlainTextEdit())
        self.facts.setMinimumHeight(110)
        self.issues = self.add_field(tr("争议事项"), "issues", QPlainTextEdit())
        self.issues.setFixedHeight(60)
        self.claims = self.add_field(tr("申请事项"), "claims", QPlainTextEdit())
        self.claims.setFixedHeight(60)
        self.claims.setPlaceholderText(tr("当事人申请调解的事项，一行一项"))
        self.responsibility = self.add_field(tr("各方责任"), "responsibility", QPlainTextEdit())
        self.responsibility.setFixedHeight(60)
        self.amount = self.add_field(tr("涉及金额"), "amount", QDoubleSpinBox())
        self.amount.setRange(0, 1e11)
        self.amount.setDecimals(2)
        self.amount.setSuffix(tr(" 元"))
        self.amount.setSpecialValueText(tr("未填"))
        self.amount.setGroupSeparatorShown(True)
        members = [(m.id, m.name) for m in services.team.list()]
        current = None
        if case_id is not None:
            detail = services.cases.get(case_id)
            self.enable_history(detail.number, lambda: services.history(KIND, case_id))
            current = detail.data
            self.kind.setEnabled(False)  # the kind decides the number
        current = current or draft
        self.mediators.set_items(members, current.mediator_ids if current else [services.actor.member_id])
        if current is not None:
            self._show(current)
        self.setMinimumWidth(1080)

    def _show(self, d: CaseInput) -> None:
        combo_select(self.kind, CaseKind(d.kind).value)
        combo_select(self.source, CaseSource(d.source).value)
        if self.dispute_type.findData(d.dispute_type) < 0:
            self.dispute_type.addItem(d.dispute_type, d.dispute_type)
        combo_select(self.dispute_type, d.dispute_type)
        self.accepted_on.setDate(QDate(d.accepted_on.year, d.accepted_on.month, d.accepted_on.day))
        self.title.setText(d.title)
        self.parties.set_parties(d.parties)
        combo_select(self.recorder, d.recorder_id)
        combo_select(self.registrar, d.registrar_id)
        self.facts.setPlainText(d.facts)
        self.issues.setPlainText(d.issues)
        self.claims.setPlainText(d.claims)
        self.responsibility.setPlainText(d.responsibility)
        self.amount.setValue(d.amount or 0)

    def data(self) -> CaseInput:
        q = self.accepted_on.date()
        return CaseInput(
            kind=CaseKind(self.kind.currentData()), source=CaseSource(self.source.currentData()),
            dispute_type=self.dispute_type.currentData() or "", accepted_on=date(q.year(), q.month(), q.day()),
            facts=self.facts.toPlainText(), parties=list(self.parties.parties),
            mediator_ids=self.mediators.checked_ids(), title=self.title.text(), issues=self.issues.toPlainText(),
            claims=self.claims.toPlainText(), responsibility=self.responsibility.toPlainText(),
            amount=self.amount.value() or None, recorder_id=self.recorder.currentData(),
            registrar_id=self.registrar.currentData(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.case_id is None:
            self.saved_id = self.services.mediation.create(self.data(), entry_id=self.entry_id)
        else:
            self.services.mediation.update(self.case_id, self.data())
            self.saved_id = self.case_id
