"""The registration form of a mediation case (受理调解案件 / 编辑案件登记), used by the list and the case."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
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
    CaseKind,
    CaseSource,
)
from policeroom.models.mediation import MediationCase
from policeroom.services.mediation.types import CaseInput
from policeroom.services.registry import Services
from policeroom.ui.requests.common import member_combo
from policeroom.ui.widgets.dates import today_qdate
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr

KIND = "mediation_case"  # the history's table name


class CaseDialog(RecordDialog):
    """受理 a case, or correct its registration. A draft (from a ledger entry) pre-fills the form."""

    limits_from = MediationCase  # text fields show the limits the service enforces

    def __init__(
        self, services: Services, case_id: int | None, parent: QWidget | None = None, *,
        draft: CaseInput | None = None, entry_id: int | None = None,
    ) -> None:  # fmt: skip
        super().__init__(tr("受理调解案件") if case_id is None else tr("编辑案件登记"), parent)
        from policeroom.ui.mediation.disputes import dispute_type_combo
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
        self.dispute_type = dispute_type_combo(services)
        self.add_field(tr("纠纷类型"), "dispute_type", self.dispute_type)
        self.accepted_on = self.add_field(tr("受理日期"), "accepted_on", QDateEdit())
        self.accepted_on.setCalendarPopup(True)
        self.accepted_on.setDisplayFormat("yyyy-MM-dd")
        self.accepted_on.setDate(today_qdate())
        self.title = self.add_field(tr("案由"), "title", QLineEdit())
        self.title.setPlaceholderText(tr("可不填，默认“张三与李四邻里纠纷”"))
        self.parties = self.add_field(tr("当事人"), "parties", PartiesEditor(services, full=True))
        self.mediators = self.add_field(tr("人民调解员"), "mediator_ids", CheckList())
        self.mediators.setFixedHeight(96)
        self.mediators.VISIBLE_ROWS = 4  # six rows made the form taller than a laptop screen; it scrolls
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
        # 记录人 and 登记人 in this column: both in the first made the form 781 px tall (off a laptop screen)
        self.recorder = self.add_field(tr("记录人"), "recorder_id", member_combo(services, empty=tr("未填")))
        self.registrar = self.add_field(
            tr("登记人"), "registrar_id", member_combo(services, empty=tr("未填"))
        )
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
