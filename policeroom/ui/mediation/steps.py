"""The forms of a case's steps: records, the agreement, failure, performance, visits, confirmation, archiving."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from policeroom.models import OTHER_WAY_LABELS, CaseKind, OtherWay, RecordKind
from policeroom.models.mediation import CaseRecord, CaseVisit, MediationCase, Performance
from policeroom.services.core import clock
from policeroom.services.core.dates import chinese_date
from policeroom.services.mediation.rules import default_copies
from policeroom.services.mediation.types import AgreementInput, CaseDetail, RecordInput, VisitInput
from policeroom.services.registry import Services
from policeroom.ui.requests.common import DateTimeEdit, member_combo
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


class DateEdit(QDateEdit):
    """A required date with a calendar, defaulting to today."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_value(value or clock.today())

    def value(self) -> date:
        q = self.date()
        return date(q.year(), q.month(), q.day())

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


def _text(height: int = 70, hint: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMinimumHeight(height)
    if hint:
        edit.setPlaceholderText(hint)
    return edit


class CaseRecordDialog(RecordDialog):
    """调查记录 (investigation) or 调解记录 (a session's minutes)."""

    limits_from = CaseRecord  # text fields show the limits the service enforces

    def __init__(
        self, services: Services, case: CaseDetail, kind: RecordKind, record_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        title = "调查记录" if kind is RecordKind.investigation else "调解记录"
        super().__init__(tr(title), parent)
        self.services, self.case, self.kind, self.record_id = services, case, kind, record_id
        self.saved_id: int | None = None
        self.at = self.add_field(tr("时间"), "at", DateTimeEdit())
        self.place = self.add_field(tr("地点"), "place", QLineEdit())
        self.place.setText(tr("社区警务室调解室") if kind is RecordKind.session else "")
        self.subject = QLineEdit()
        self.parties_present = QLineEdit()
        self.interviewee = QLineEdit()
        self.investigator = QLineEdit()
        if kind is RecordKind.session:
            self.subject.setText(case.data.title)
            self.add_field(tr("事由"), "subject", self.subject)
            self.parties_present.setText("、".join(p.name for p in case.parties))
            self.add_field(tr("当事人"), "parties_present", self.parties_present)
        else:
            self.add_field(tr("被调查人"), "interviewee", self.interviewee)
            self.investigator.setText("、".join(case.mediators))
            self.add_field(tr("调查人"), "investigator", self.investigator)
        self.participants = self.add_field(tr("参加人"), "participants", QLineEdit())
        self.participants.setPlaceholderText(tr("邀请参加的人员（不含调解员、当事人和记录人），可不填"))
        self.recorder = self.add_field(tr("记录人"), "recorder", QLineEdit())
        # The case's 记录人, else the last record's; asked here, where it is needed, and kept for the case.
        earlier = [r.data.recorder for r in case.records if r.data.recorder]
        self.recorder.setText(case.recorder or (earlier[-1] if earlier else ""))
        if not case.recorder:
            self.recorder.setPlaceholderText(tr("本案未登记记录人：填写本所人员姓名后，同时记为本案记录人"))
            self.recorder.setCompleter(QCompleter([m.name for m in services.team.list()], self.recorder))
        self.content = self.add_field(tr("记录"), "content", _text(180))
        self.result = QPlainTextEdit()
        if kind is RecordKind.session:
            self.result.setFixedHeight(60)
            self.add_field(tr("调解结果"), "result", self.result)
        if record_id is not None:
            rec = next(r for r in case.records if r.id == record_id)
            self._show(rec.data)
        self.setMinimumWidth(640)

    def _show(self, d: RecordInput) -> None:
        self.at.set_value(d.at)
        for name in (
            "place",
            "subject",
            "parties_present",
            "interviewee",
            "investigator",
            "participants",
            "recorder",
        ):
            getattr(self, name).setText(getattr(d, name))
        self.content.setPlainText(d.content)
        self.result.setPlainText(d.result)

    def data(self) -> RecordInput:
        return RecordInput(
            at=self.at.value(), place=self.place.text(), subject=self.subject.text(),
            parties_present=self.parties_present.text(), participants=self.participants.text(),
            interviewee=self.interviewee.text(), investigator=self.investigator.text(), recorder=self.recorder.text(),
            content=self.content.toPlainText(), result=self.result.toPlainText(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.record_id is None:
            self.saved_id = self.services.mediation.add_record(self.case.id, self.kind, self.data())
        else:
            self.services.mediation.update_record(self.record_id, self.data())
            self.saved_id = self.record_id


class AgreementDialog(RecordDialog):
    """达成协议: the terms one per line, how and by when they are performed, how many copies."""

    limits_from = MediationCase  # text fields show the limits the service enforces

    def __init__(self, services: Services, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr("调解协议"), parent)
        self.services, self.case = services, case
        self.saved_id: int | None = None
        public_order = case.data.kind == CaseKind.public_order
        self.form_kind = QComboBox()
        self.form_kind.addItem(tr("书面协议（协议书）"), False)
        if not public_order:
            self.form_kind.addItem(tr("口头协议（登记口头协议内容）"), True)
        self.add_field(tr("协议形式"), "oral", self.form_kind)
        self.agreed_on = self.add_field(tr("协议日期"), "agreed_on", DateEdit())
        self.terms = self.add_field(
            tr("协议内容"),
            "terms",
            _text(
                150,
                tr("一行一条，打印时自动编号：\n李四赔偿张三修理费2000元\n李四于11月30日前修好卫生间防水"),
            ),
        )
        self.method = self.add_field(
            tr("履行方式"), "performance_method", _text(50, tr("例如 现金当面交付，收款人出具收条"))
        )
        self.deadline = self.add_field(tr("履行期限"), "performance_deadline", OptionalDateEdit())
        self.spot = self.add_field(tr("当场履行"), "performed_on_the_spot", QCheckBox(tr("协议当场履行完毕")))
        self.copies = self.add_field(tr("协议份数"), "copies", QSpinBox())
        self.copies.setRange(1, 20)
        self.copies.setPrefix(tr("一式 "))
        self.copies.setSuffix(tr(" 份"))
        expected = default_copies(CaseKind(case.data.kind), len(case.parties))
        self.copies.setValue(expected)
        if public_order:
            self.copies.setEnabled(False)
            self.copies.setToolTip(tr("治安调解协议书一式三份：双方当事人各一份，公安机关留存一份"))
        self.form_kind.currentIndexChanged.connect(
            lambda _i: self.copies.setEnabled(not self.form_kind.currentData() and not public_order)
        )
        a = case.agreement
        if a is not None:
            combo_select(self.form_kind, a.oral)
            self.agreed_on.set_value(a.agreed_on)
            self.terms.setPlainText("\n".join(a.terms))
            self.method.setPlainText(a.performance_method)
            self.deadline.set_value(a.performance_deadline)
            self.spot.setChecked(a.performed_on_the_spot)
            if a.copies:
                self.copies.setValue(a.copies)
        self.setMinimumWidth(640)

    def data(self) -> AgreementInput:
        return AgreementInput(
            oral=bool(self.form_kind.currentData()), agreed_on=self.agreed_on.value(),
            terms=self.terms.toPlainText().splitlines(), performance_method=self.method.toPlainText(),
            performance_deadline=self.deadline.value(), copies=self.copies.value(),
            performed_on_the_spot=self.spot.isChecked(),
        )  # fmt: skip

    def submit(self) -> None:
        self.services.mediation.record_agreement(self.case.id, self.data())
        self.saved_id = self.case.id


class FailDialog(RecordDialog):
    """调解不成: why, and which other way the parties were told of."""

    limits_from = MediationCase  # text fields show the limits the service enforces

    def __init__(self, services: Services, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr("调解不成"), parent)
        self.services, self.case = services, case
        self.saved_id: int | None = None
        self.on = self.add_field(tr("终止日期"), "failed_on", DateEdit())
        self.reason = self.add_field(
            tr("原因"), "failed_reason", _text(80, tr("例如 双方对赔偿数额分歧过大，经三次调解未能达成一致"))
        )
        self.way = QComboBox()
        self.way.addItem(tr("请选择"), None)
        for way, label in OTHER_WAY_LABELS.items():
            self.way.addItem(tr("告知当事人可通过{w}解决").format(w=label), way.value)
        self.add_field(tr("告知途径"), "other_way", self.way)
        self.setMinimumWidth(560)

    def submit(self) -> None:
        way = self.way.currentData()
        self.services.mediation.fail(
            self.case.id, self.on.value(), self.reason.toPlainText(), OtherWay(way) if way else None
        )
        self.saved_id = self.case.id


class PerformanceDialog(RecordDialog):
    """A performance entry (履行情况): what was done, when, with what proof; or the agreement fully performed."""

    limits_from = Performance  # text fields show the limits the service enforces

    def __init__(
        self, services: Services, case: CaseDetail, *, completed: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("履行完毕") if completed else tr("登记履行情况"), parent)
        self.services, self.case = services, case
        self.saved_id: int | None = None
        self.on = self.add_field(tr("履行日期"), "on", DateEdit())
        self.content = self.add_field(tr("履行内容"), "content", _text(70, tr("例如 李四向张三支付2000元")))
        if completed:
            self.content.setPlainText(tr("协议约定事项已全部履行完毕"))
        self.proof = self.add_field(tr("履行凭证"), "proof", QLineEdit())
        self.proof.setPlaceholderText(tr("例如 收条、转账记录、维修单"))
        self.completed = self.add_field(tr("全部履行"), "completed", QCheckBox(tr("协议已全部履行完毕")))
        self.completed.setChecked(completed)
        self.setMinimumWidth(560)

    def submit(self) -> None:
        self.saved_id = self.services.mediation.add_performance(
            self.case.id,
            self.on.value(),
            self.content.toPlainText(),
            self.proof.text(),
            completed=self.completed.isChecked(),
        )


class VisitDialog(RecordDialog):
    """回访: how the agreement is being kept, satisfaction, any sign of new conflict."""

    limits_from = CaseVisit  # text fields show the limits the service enforces

    def __init__(self, services: Services, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr("回访记录"), parent)
        self.services, self.case = services, case
        self.saved_id: int | None = None
        self.on = self.add_field(tr("回访时间"), "visited_on", DateEdit())
        self.visitor = self.add_field(
            tr("回访人"), "visitor_id", member_combo(services, services.actor.member_id, empty=tr("请选择"))
        )
        self.method = QComboBox()
        for m in ("电话", "上门", "到警务室", "微信"):
            self.method.addItem(tr(m), m)
        self.add_field(tr("回访方式"), "method", self.method)
        self.reason = self.add_field(tr("回访事由"), "reason", QLineEdit(tr("了解调解协议履行情况")))
        self.performance = self.add_field(
            tr("履行情况"), "performance", _text(60, tr("例如 赔偿款已付清，防水已修好"))
        )
        self.satisfaction = QComboBox()
        for s in ("满意", "基本满意", "不满意"):
            self.satisfaction.addItem(tr(s), s)
        self.add_field(tr("满意度"), "satisfaction", self.satisfaction)
        self.new_conflict = self.add_field(tr("新矛盾"), "new_conflict", QCheckBox(tr("发现新的矛盾迹象")))
        self.notes = self.add_field(tr("其他情况"), "notes", _text(50))
        self.setMinimumWidth(600)

    def submit(self) -> None:
        self.saved_id = self.services.mediation.add_visit(self.case.id, VisitInput(
            visited_on=self.on.value(), visitor_id=self.visitor.currentData(), method=self.method.currentData(),
            reason=self.reason.text(), performance=self.performance.toPlainText(),
            satisfaction=self.satisfaction.currentData(), new_conflict=self.new_conflict.isChecked(),
            notes=self.notes.toPlainText()))  # fmt: skip


class ConfirmationDialog(RecordDialog):
    """司法确认: the parties' application to the court, within 30 days of the agreement."""

    limits_from = MediationCase  # text fields show the limits the service enforces

    def __init__(self, services: Services, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr("申请司法确认"), parent)
        self.services, self.case = services, case
        self.saved_id: int | None = None
        last = case.confirmation_last_day
        note = QLabel(tr("双方当事人应自协议生效之日起30日内共同向人民法院申请，最后一日：{d}").format(
            d=chinese_date(last) or "—"))  # fmt: skip
        note.setWordWrap(True)
        self.form.addRow(note)
        self.on = self.add_field(
            tr("申请日期"), "confirmation_applied_on", DateEdit(case.confirmation_applied_on)
        )
        self.court = self.add_field(tr("受理法院"), "confirmation_court", QLineEdit(case.confirmation_court))
        self.court.setPlaceholderText(tr("例如 北京市东城区人民法院"))
        self.result = self.add_field(
            tr("确认结果"), "confirmation_result", QLineEdit(case.confirmation_result)
        )
        self.result.setPlaceholderText(tr("法院裁定后填写，例如 裁定协议有效"))
        self.setMinimumWidth(560)

    def submit(self) -> None:
        self.services.mediation.record_confirmation(
            self.case.id, self.on.value(), self.court.text(), self.result.text()
        )
        self.saved_id = self.case.id


class ArchiveDialog(RecordDialog):
    """结案归档: the case file's cover details."""

    limits_from = MediationCase  # text fields show the limits the service enforces

    def __init__(self, services: Services, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr("结案归档"), parent)
        self.services, self.case = services, case
        self.saved_id: int | None = None
        self.on = self.add_field(tr("立卷日期"), "archived_on", DateEdit())
        self.filed_by = self.add_field(
            tr("立卷人"), "filed_by_id", member_combo(services, services.actor.member_id, empty=tr("请选择"))
        )
        self.retention = QComboBox()
        for r in ("永久", "长期", "短期"):
            self.retention.addItem(tr(r), r)
        combo_select(self.retention, "长期")
        self.add_field(tr("保管期限"), "retention", self.retention)
        self.remarks = self.add_field(tr("备注"), "file_remarks", _text(50))
        self.setMinimumWidth(520)

    def submit(self) -> None:
        self.services.mediation.archive(
            self.case.id,
            self.on.value(),
            self.filed_by.currentData(),
            self.retention.currentData(),
            self.remarks.toPlainText(),
        )
        self.saved_id = self.case.id
