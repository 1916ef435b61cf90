"""One small dialog per move of a grid event (立案 不立案 派遣 处置 反馈 核查结案 自行处置 返工 督办 回复
延期 挂账 恢复): a time, the move's own field, one call to the service; refusals shown beside the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPlainTextEdit, QWidget

from policeroom.errors import DomainError, ValidationError
from policeroom.services.core.forms import FormErrors, errors_of
from policeroom.services.gridwork.types import EventDetail
from policeroom.services.registry import Services
from policeroom.ui.requests.common import DateTimeEdit, fmt_dt, member_combo, minute_now
from policeroom.ui.widgets.forms import RecordDialog, tr

#: the service's field names that are this dialog's one text field / its time
_TEXT_FIELDS = {"handling", "feedback", "rejected_reason", "check_note", "note", "rework_reason", "supervise_note",
                "reply", "extension_reason", "decision_note", "park_reason", "supervise_id"}  # fmt: skip
_TIME_FIELDS = {"at", "resume_at", "reply_at", "status"}


@dataclass(frozen=True)
class MoveSpec:
    """What a move's dialog asks: its text (label, required), a handler, a new due date."""

    label: str
    text: str = ""
    required: bool = False
    member: bool = False
    new_due: bool = False
    limit: int = 1000


SPECS = {
    "register": MoveSpec("立案", "立案意见"),
    "reject": MoveSpec("不立案", "不立案理由", True, limit=200),
    "dispatch": MoveSpec("派遣", "派遣说明", member=True),
    "handle": MoveSpec("处置", "处置情况", True),
    "feedback": MoveSpec("反馈", "反馈内容", True),
    "close": MoveSpec("核查结案", "核查意见"),
    "self_handle": MoveSpec("自行处置", "现场处置情况", True),
    "rework": MoveSpec("返工（核查不合格）", "返工原因", True, limit=500),
    "supervise": MoveSpec("督办", "督办要求", True, limit=500),
    "reply": MoveSpec("回复督办", "回复内容", True, limit=500),
    "extend_ask": MoveSpec("申请延期", "延期理由", True, new_due=True, limit=500),
    "extend_approve": MoveSpec("批准延期", "审批意见", limit=500),
    "extend_refuse": MoveSpec("不批准延期", "不批准的理由", True, limit=500),
    "park": MoveSpec("挂账", "挂账原因", True, limit=200),
    "resume": MoveSpec("恢复计时", "说明", limit=500),
}


class MoveDialog(RecordDialog):
    """One move on one event; ``saved_id`` is the event's id once done."""

    def __init__(
        self, services: Services, detail: EventDetail, move: str, parent: QWidget | None = None
    ) -> None:
        spec = SPECS[move]
        super().__init__(tr(spec.label) + f" - {detail.number}", parent)
        self.services, self.detail, self.move, self.spec = services, detail, move, spec
        self.saved_id: int | None = None
        summary = QLabel(f"{detail.number}　{detail.category}　{detail.grid}\n{detail.description[:80]}")
        summary.setWordWrap(True)
        summary.setStyleSheet("color: #555555;")
        self.form.addRow(summary)
        if move in ("close", "rework") and detail.close_rule:
            rule = QLabel(tr("结案条件：{r}").format(r=detail.close_rule))
            rule.setWordWrap(True)
            self.form.addRow(rule)
        if move == "register" and detail.admit_rule:
            rule = QLabel(tr("立案条件：{r}").format(r=detail.admit_rule))
            rule.setWordWrap(True)
            self.form.addRow(rule)
        self.at = self.add_field(tr("时间"), "at", DateTimeEdit(minute_now()))
        self.member: QComboBox | None = None
        if spec.member:
            self.member = self.add_field(tr("处置人"), "handler_id",
                                         member_combo(services, detail.handler_id, empty=tr("请选择")))  # fmt: skip
        self.new_due: DateTimeEdit | None = None
        if spec.new_due:
            start = detail.due or minute_now()
            self.new_due = self.add_field(tr("延期至"), "new_due", DateTimeEdit(start + timedelta(days=1)))
            if detail.due:
                self.form.addRow("", QLabel(tr("现在的期限：{d}").format(d=fmt_dt(detail.due))))
        self.reply_to: QComboBox | None = None
        if move == "reply":
            self.reply_to = QComboBox()
            for item in detail.timeline:
                if item.id in detail.open_supervisions:
                    self.reply_to.addItem(f"{fmt_dt(item.at)} {item.note[:30]}", item.id)
            self.add_field(tr("回复哪次督办"), "reply_to", self.reply_to)
        self.text = self.add_field(tr(spec.text) + ("" if spec.required else tr("（可不填）")), "text",
                                   QPlainTextEdit(), limit=spec.limit)  # fmt: skip
        self.text.setFixedHeight(90)
        self.setMinimumWidth(520)

    def save(self) -> None:
        try:
            self._call()()
        except ValidationError as e:
            mapped: dict[str, str] = {}
            for field, message in errors_of(e).items():
                key = "text" if field in _TEXT_FIELDS else "at" if field in _TIME_FIELDS else field
                mapped.setdefault(key, message)
            unplaced = self.errors.show(mapped)
            if unplaced:
                QMessageBox.warning(self, tr("无法保存"), "\n".join(unplaced))
            return
        except DomainError as e:
            QMessageBox.warning(self, tr("无法保存"), e.message)
            return
        self.saved_id = self.detail.id
        self.accept()

    def _call(self) -> Callable[[], object]:
        ge, eid, at = self.services.grid_events, self.detail.id, self.at.value()
        text = self.text.toPlainText()
        if self.spec.required and not text.strip():
            errors = FormErrors()
            errors.add("text", tr("请填写{what}").format(what=self.spec.text))
            raise errors
        calls: dict[str, Callable[[], object]] = {
            "register": lambda: ge.register(eid, at=at, note=text),
            "reject": lambda: ge.reject(eid, text, at=at),
            "dispatch": lambda: ge.dispatch(
                eid, self.member.currentData() if self.member else None, at=at, note=text
            ),
            "handle": lambda: ge.handle(eid, text, at=at),
            "feedback": lambda: ge.feedback(eid, text, at=at),
            "close": lambda: ge.close(eid, text, at=at),
            "self_handle": lambda: ge.self_handle(eid, text, at=at),
            "rework": lambda: ge.rework(eid, text, at=at),
            "supervise": lambda: ge.supervise(eid, text, at=at),
            "reply": lambda: ge.reply_supervision(
                eid, self.reply_to.currentData() if self.reply_to else 0, text, at=at
            ),  # fmt: skip
            "extend_ask": lambda: ge.ask_extension(eid, self._new_due(), text, at=at),
            "extend_approve": lambda: ge.decide_extension(eid, True, text, at=at),
            "extend_refuse": lambda: ge.decide_extension(eid, False, text, at=at),
            "park": lambda: ge.park(eid, text, at=at),
            "resume": lambda: ge.resume(eid, text, at=at),
        }
        return calls[self.move]

    def _new_due(self) -> datetime:
        assert self.new_due is not None
        return self.new_due.value()
