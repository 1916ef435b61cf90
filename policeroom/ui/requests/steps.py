"""One small dialog per step of the loop: 派遣 处置 反馈 回访 办结, and the side roads 转办 作废.

Each sends one call to the service. A refusal (closing before feedback, a time before the previous
step) appears beside the time field, with everything typed still there.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.models import SATISFACTION_LABELS, Satisfaction
from policeroom.models.loop import LoopEvent
from policeroom.models.requests import AssistanceRequest, RequestAction
from policeroom.services.core.forms import FormErrors, errors_of
from policeroom.services.core.text import column_limit
from policeroom.services.registry import Services
from policeroom.services.requests.service import VISIT_METHODS, RequestDetail
from policeroom.ui.requests.common import DateTimeEdit, fmt_dt, member_combo
from policeroom.ui.widgets.forms import RecordDialog, tr

DEPARTMENTS = ("城管", "物业", "街道", "民政", "司法所", "市场监管", "住建")


class StepDialog(RecordDialog):
    """A step for one request: the request in one line on top, the step's time, the step's fields.

    Subclasses set ``title`` and ``time_label``, add fields in :meth:`build` and call the service in
    :meth:`apply`. ``saved_id`` is the request's id once a step was saved.
    """

    limits_from = AssistanceRequest  # text fields show the limits the service enforces

    title = ""
    time_label = ""
    ok_text = "保存"
    #: where the service's “not allowed now” message (field ``status``) is shown
    status_field = "at"

    def __init__(self, services: Services, detail: RequestDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr(self.title) + f" - {detail.number}", parent)
        self.services = services
        self.detail = detail
        self.saved_id: int | None = None
        who = tr("（匿名）") if detail.anonymous else detail.requester_name
        summary = QLabel(
            f"{detail.number}　{who}　{detail.category}　{detail.urgency_label}　{detail.status_label}\n"
            + _shorten(detail.description, 80)
        )
        summary.setWordWrap(True)
        summary.setStyleSheet("color: #616161; padding-bottom: 6px;")
        self.layout().insertWidget(0, summary)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr(self.ok_text))
        self.at: DateTimeEdit | None = None
        if self.time_label:
            self.at = self.add_field(tr(self.time_label), "at", DateTimeEdit())
        self.build()

    def build(self) -> None:
        """Add the step's own fields."""

    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def submit(self) -> None:
        try:
            self.apply()
        except ValidationError as e:
            if not isinstance(e, FormErrors) and e.field == "status":
                raise ValidationError(self.status_field, e.message) from e
            raise
        self.saved_id = self.detail.id

    def attempt(self) -> bool:
        """Submit; show a refusal beside its field (or in a box) and return False, keeping the input."""
        try:
            self.submit()
        except ValidationError as e:
            unplaced = self.errors.show(errors_of(e))
            if unplaced:
                QMessageBox.warning(self, tr("无法保存"), "\n".join(unplaced))
            return False
        except DomainError as e:
            QMessageBox.warning(self, tr("无法保存"), e.message)
            return False
        return True

    def save(self) -> None:
        if self.attempt():
            self.accept()

    def when(self) -> datetime | None:
        return self.at.value() if self.at is not None else None


def _shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class DispatchDialog(StepDialog):
    """派遣 (or 改派): to a team member; the grid's own grid worker is suggested."""

    title = "派遣"
    time_label = "派遣时间"
    ok_text = "派遣"

    def __init__(self, services: Services, detail: RequestDetail, parent: QWidget | None = None) -> None:
        if detail.assignee_id is not None:  # dispatched before: this is a re-assignment
            self.title, self.time_label, self.ok_text = "改派", "改派时间", "改派"
        super().__init__(services, detail, parent)

    def build(self) -> None:
        suggested = self.services.requests.suggest_assignee(self.detail.grid_id)
        default = self.detail.assignee_id or suggested or None
        self.assignee = self.add_field(
            tr("处置人"), "assignee_id", member_combo(self.services, default, empty=tr("请选择"))
        )
        if suggested is not None:
            name = self.assignee.itemText(self.assignee.findData(suggested))
            hint = tr("建议：{name}（本网格网格员）").format(name=name)
        else:
            hint = tr("该求助未指定网格或网格没有网格员，请选择处置人")
        self.hint = QLabel(hint)
        self.hint.setStyleSheet("color: #616161;")
        self.form.addRow("", self.hint)
        self.note = self.add_field(tr("派遣说明"), "note", QLineEdit(), limit=column_limit(LoopEvent.note))
        self.note.setPlaceholderText(tr("可不填，例如：请今天下午上门了解情况"))

    def apply(self) -> None:
        assignee = self.assignee.currentData()
        if assignee is None:
            raise ValidationError("assignee_id", tr("请选择处置人"))
        self.services.requests.dispatch(self.detail.id, assignee, at=self.when(), note=self.note.text())


class ActionDialog(StepDialog):
    """登记处置: when, who, what was done. Any number of entries (保存并继续登记)."""

    limits_from = RequestAction  # text fields show the limits the service enforces

    title = "登记处置"
    time_label = "处置时间"

    def build(self) -> None:
        who = self.detail.assignee_id or self.services.actor.member_id
        self.member = self.add_field(tr("处置人"), "member_id", member_combo(self.services, who))
        self.content = self.add_field(tr("处置情况"), "content", QPlainTextEdit())
        self.content.setPlaceholderText(tr("做了什么，结果如何"))
        self.content.setFixedHeight(110)
        self.saved_count = 0
        self.more_button = QPushButton(tr("保存并继续登记"))
        self.buttons.addButton(self.more_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.more_button.clicked.connect(self.save_and_continue)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #2e7d32;")
        self.form.addRow("", self.count_label)
        self.count_label.hide()

    def apply(self) -> None:
        self.services.requests.add_action(
            self.detail.id, self.when(), self.member.currentData(), self.content.toPlainText()
        )

    def save_and_continue(self) -> None:
        """Save this entry and clear the form for the next one."""
        if not self.attempt():
            return
        self.saved_count += 1
        self.content.clear()
        self.count_label.setText(tr("已登记 {n} 条处置记录，可继续登记下一条").format(n=self.saved_count))
        self.count_label.show()
        self.content.setFocus()

    def reject(self) -> None:
        # “取消” after 保存并继续登记 still means the entries saved so far count
        if self.saved_count:
            self.accept()
        else:
            super().reject()


class FeedbackDialog(StepDialog):
    """反馈: the result told to the requester."""

    title = "反馈"
    time_label = "反馈时间"

    def build(self) -> None:
        self.content = self.add_field(tr("反馈内容"), "feedback", QPlainTextEdit())
        self.content.setPlaceholderText(tr("向求助人反馈的处理结果，以及求助人的意见"))
        self.content.setFixedHeight(110)

    def apply(self) -> None:
        self.services.requests.feedback(self.detail.id, self.when(), self.content.toPlainText())


class VisitDialog(StepDialog):
    """回访: when, how, 满意 / 基本满意 / 不满意, remarks."""

    title = "回访"
    time_label = "回访时间"

    def build(self) -> None:
        if self.detail.step == "visit" and self.detail.step_due is not None:
            n = self.services.requests.rules().visit_working_days
            due = QLabel(
                tr("回访期限：{due}（反馈后{n}个工作日内）").format(due=fmt_dt(self.detail.step_due), n=n)
            )
            due.setStyleSheet("color: #616161;")
            self.form.addRow("", due)
        if self.detail.calendar_warning:
            warn = QLabel("⚠ " + self.detail.calendar_warning)
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #8a6d00;")
            self.form.addRow("", warn)
        self.method = self.add_field(tr("回访方式"), "visit_method", QComboBox())
        for m in VISIT_METHODS:
            self.method.addItem(m, m)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.satisfaction = QButtonGroup(self)
        self.radios: dict[Satisfaction, QRadioButton] = {}
        for value, label in SATISFACTION_LABELS.items():
            radio = QRadioButton(label)
            self.radios[value] = radio
            self.satisfaction.addButton(radio)
            row.addWidget(radio)
            radio.toggled.connect(lambda _c: self.errors.clear("satisfaction"))
        row.addStretch(1)
        self.add_field(tr("满意度"), "satisfaction", box)
        self.remarks = self.add_field(tr("回访情况"), "visit_remarks", QPlainTextEdit())
        self.remarks.setPlaceholderText(tr("求助人的意见和建议，可不填"))
        self.remarks.setFixedHeight(80)

    def chosen(self) -> Satisfaction | None:
        return next((value for value, radio in self.radios.items() if radio.isChecked()), None)

    def apply(self) -> None:
        satisfaction = self.chosen()
        if satisfaction is None:
            raise ValidationError("satisfaction", tr("请选择满意度"))
        self.services.requests.visit(
            self.detail.id, self.when(), self.method.currentData(), satisfaction, self.remarks.toPlainText()
        )


class CloseDialog(StepDialog):
    """办结: confirm and record when."""

    title = "办结"
    time_label = "办结时间"
    ok_text = "办结"

    def build(self) -> None:
        note = QLabel(tr("办结后，这条求助的登记和办理记录不能再修改。"))
        note.setStyleSheet("color: #616161;")
        self.form.addRow("", note)

    def apply(self) -> None:
        self.services.requests.close(self.detail.id, at=self.when())


class ReferDialog(StepDialog):
    """转办: hand the request to another department (named); closed for the police room."""

    title = "转办"
    time_label = "转办时间"
    ok_text = "转办"

    def build(self) -> None:
        self.department = self.add_field(tr("转办部门"), "referred_to", QComboBox())
        self.department.setEditable(True)
        self.department.addItems(list(DEPARTMENTS))
        self.department.setCurrentIndex(-1)
        self.department.lineEdit().setPlaceholderText(tr("选择或填写部门名称"))
        self.department.lineEdit().textEdited.connect(lambda _t: self.errors.clear("referred_to"))
        self.note = self.add_field(tr("转办说明"), "note", QLineEdit(), limit=column_limit(LoopEvent.note))
        self.note.setPlaceholderText(tr("可不填，例如：联系人、电话、转办单号"))

    def apply(self) -> None:
        self.services.requests.refer(
            self.detail.id, self.department.currentText(), at=self.when(), note=self.note.text()
        )


class VoidDialog(StepDialog):
    """作废 with a reason, after a confirmation (登记错误、重复登记 …)."""

    title = "作废"
    ok_text = "作废"
    status_field = "void_reason"

    def build(self) -> None:
        from policeroom.services.requests.service import VOID_REASON_LIMIT

        reason = QPlainTextEdit()
        reason.setPlaceholderText(tr("例如：重复登记、登记错误"))  # before add_field, which adds the limit
        self.reason = self.add_field(tr("作废原因"), "void_reason", reason, limit=VOID_REASON_LIMIT)
        self.reason.setFixedHeight(80)

    def apply(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            raise ValidationError("void_reason", tr("请填写作废原因"))
        answer = QMessageBox.question(
            self,
            tr("确认作废"),
            tr("确定作废求助 {number} 吗？作废后不能恢复。").format(number=self.detail.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise _Cancelled
        self.services.requests.void(self.detail.id, reason)

    def attempt(self) -> bool:
        try:
            return super().attempt()
        except _Cancelled:
            return False


class _Cancelled(Exception):
    """The person said no at the confirmation."""


#: the dialog for each action name of the service (``next_action`` and the side roads)
STEP_DIALOGS: dict[str, type[StepDialog]] = {
    "dispatch": DispatchDialog,
    "handle": ActionDialog,
    "feedback": FeedbackDialog,
    "visit": VisitDialog,
    "close": CloseDialog,
    "refer": ReferDialog,
    "void": VoidDialog,
}
