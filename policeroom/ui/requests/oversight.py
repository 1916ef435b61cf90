"""Dialogs for the moves requests gain from the loop engine: 督办, 回复督办, 申请延期, 审批延期, 返工, 挂账, 恢复.

Each is a :class:`StepDialog`: one service call, a Chinese message beside the field that is missing
(a reason, a reply), and a confirmation before the moves that undo work (返工) or stop the clock (挂账).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from policeroom.errors import ValidationError
from policeroom.models.loop import LoopEvent, LoopState
from policeroom.services.core.text import column_limit
from policeroom.ui.requests.common import DateTimeEdit, fmt_dt
from policeroom.ui.requests.steps import StepDialog, _Cancelled
from policeroom.ui.widgets.forms import tr

#: where each text lands: the event's note (Text), or the loop state's 延期理由 / 挂账原因 (String(200))
_LIMITS = {"extension_reason": LoopState.asked_reason, "park_reason": LoopState.park_reason}


def _text(dialog: StepDialog, label: str, field: str, placeholder: str, height: int = 80) -> QPlainTextEdit:
    limit = column_limit(_LIMITS.get(field, LoopEvent.note))
    edit = QPlainTextEdit()
    edit.setPlaceholderText(tr(placeholder))  # before add_field, which adds the limit to it
    dialog.add_field(tr(label), field, edit, limit=limit)
    edit.setFixedHeight(height)
    edit.textChanged.connect(lambda: dialog.errors.clear(field))
    return edit


def _confirm(dialog: StepDialog, title: str, question: str) -> None:
    answer = QMessageBox.question(
        dialog, tr(title), question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        raise _Cancelled


class _Confirmed(StepDialog):
    """A dialog whose save may stop at a confirmation (nothing is sent, the input stays)."""

    def attempt(self) -> bool:
        try:
            return super().attempt()
        except _Cancelled:
            return False


class SuperviseDialog(StepDialog):
    """督办 (社区民警): what the handler is pressed to do, and by when."""

    title = "督办"
    time_label = "督办时间"
    ok_text = "督办"
    status_field = "supervise_note"

    def build(self) -> None:
        due = self.detail.step_due
        if due is not None:
            hint = QLabel(tr("当前环节：{step}，期限 {due}").format(step=self.detail.step_label, due=fmt_dt(due)))
            hint.setStyleSheet("color: #616161;")
            self.form.addRow("", hint)
        self.note = _text(self, "督办要求", "supervise_note", "例如：请今天下班前上门处置并反馈结果")

    def apply(self) -> None:
        self.services.requests.supervise(self.detail.id, self.note.toPlainText(), at=self.when())


class ReplyDialog(StepDialog):
    """回复督办: the handler answers one of the 督办 still waiting."""

    title = "回复督办"
    time_label = "回复时间"
    ok_text = "回复"
    status_field = "reply"

    def build(self) -> None:
        self.pressed = self.add_field(tr("督办"), "supervise_id", QComboBox())
        for e in self.detail.unanswered:
            self.pressed.addItem(f"{fmt_dt(e.at)} {e.actor}：{e.note}"[:60], e.id)
        self.reply = _text(self, "回复内容", "reply", "已做了什么，结果如何", 100)

    def apply(self) -> None:
        pressed = self.pressed.currentData()
        if pressed is None:
            raise ValidationError("supervise_id", tr("没有待回复的督办"))
        self.services.requests.reply_supervision(self.detail.id, pressed, self.reply.toPlainText(), at=self.when())


class ExtensionDialog(StepDialog):
    """申请延期: a later due date for the current step, and why."""

    title = "申请延期"
    ok_text = "提交申请"
    status_field = "extension_reason"

    def build(self) -> None:
        current = self.detail.step_due
        shown = QLabel(tr("现在的期限：{due}").format(due=fmt_dt(current)))
        shown.setStyleSheet("color: #616161;")
        self.form.addRow("", shown)
        start = (current or self.detail.received_at) + timedelta(days=1)
        self.new_due = self.add_field(tr("延期至"), "new_due", DateTimeEdit(start.replace(second=0, microsecond=0)))
        self.reason = _text(self, "延期理由", "extension_reason", "例如：需等待物业维修配件到货")

    def apply(self) -> None:
        self.services.requests.ask_extension(self.detail.id, self.new_due.value(), self.reason.toPlainText())


class DecideExtensionDialog(StepDialog):
    """审批延期 (社区民警): approve (the step falls due on the asked date) or refuse with a reason."""

    title = "审批延期"
    ok_text = "确定"
    status_field = "decision_note"

    def build(self) -> None:
        asked = QLabel(
            tr("申请延期至 {due}\n理由：{reason}").format(due=fmt_dt(self.detail.asked_due), reason=self.detail.asked_reason)
        )
        asked.setWordWrap(True)
        self.form.addRow("", asked)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.approve = QRadioButton(tr("批准"))
        self.refuse = QRadioButton(tr("不批准"))
        self.choice = QButtonGroup(self)
        for b in (self.approve, self.refuse):
            self.choice.addButton(b)
            row.addWidget(b)
        row.addStretch(1)
        self.approve.setChecked(True)
        self.add_field(tr("审批"), "decision", box)
        self.note = _text(self, "审批意见", "decision_note", "不批准时请写明理由")

    def apply(self) -> None:
        self.services.requests.decide_extension(self.detail.id, self.approve.isChecked(), self.note.toPlainText())


class ReworkDialog(_Confirmed):
    """返工 at the closing check: back to 处置 with a reason (after a confirmation)."""

    title = "返工"
    ok_text = "返工"
    status_field = "rework_reason"

    def build(self) -> None:
        note = QLabel(tr("返工后，这条求助回到“处置中”，需重新处置、反馈和回访后才能办结。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        self.form.addRow("", note)
        self.reason = _text(self, "返工原因", "rework_reason", "例如：回访发现问题没有解决")

    def apply(self) -> None:
        if not self.reason.toPlainText().strip():
            raise ValidationError("rework_reason", tr("请填写返工原因"))
        _confirm(self, "确认返工", tr("确定将求助 {number} 退回处置吗？").format(number=self.detail.number))
        self.services.requests.rework(self.detail.id, self.reason.toPlainText())


class ParkDialog(_Confirmed):
    """挂账: stop the clock, with a reason (after a confirmation)."""

    title = "挂账"
    ok_text = "挂账"
    status_field = "park_reason"

    def build(self) -> None:
        self.reason = _text(self, "挂账原因", "park_reason", "例如：等待街道协调，暂时无法处置")

    def apply(self) -> None:
        if not self.reason.toPlainText().strip():
            raise ValidationError("park_reason", tr("请填写挂账原因"))
        _confirm(self, "确认挂账", tr("挂账后暂停计时，直到恢复。确定挂账求助 {number} 吗？").format(number=self.detail.number))
        self.services.requests.park(self.detail.id, self.reason.toPlainText())


class ResumeDialog(StepDialog):
    """恢复: the clock runs again; the due date moves later by the time parked."""

    title = "恢复"
    ok_text = "恢复"
    status_field = "note"

    def build(self) -> None:
        since = QLabel(tr("挂账于 {at}：{reason}").format(at=fmt_dt(self.detail.parked_at), reason=self.detail.park_reason))
        since.setWordWrap(True)
        self.form.addRow("", since)
        self.note = _text(self, "说明", "note", "可不填", 60)

    def apply(self) -> None:
        self.services.requests.resume(self.detail.id, self.note.toPlainText())


#: the dialog for each engine move the detail screen offers
OVERSIGHT_DIALOGS: dict[str, type[StepDialog]] = {
    "supervise": SuperviseDialog,
    "reply": ReplyDialog,
    "extend_ask": ExtensionDialog,
    "extend_decide": DecideExtensionDialog,
    "rework": ReworkDialog,
    "park": ParkDialog,
    "resume": ResumeDialog,
}
