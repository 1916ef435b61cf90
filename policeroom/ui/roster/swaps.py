"""调班 tab: anyone asks to swap one of their days with a colleague's; the officer approves or refuses, on record."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from policeroom.models.roster import ShiftSwap
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.services.roster.service import SWAP_STATUS, SwapRow
from policeroom.services.roster.types import WEEKDAYS, md
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.common import (
    ask_text,
    attempt,
    button,
    button_bar,
    date_edit,
    date_of,
    list_model,
    member_combo,
    selected,
    table_for,
    title,
)
from policeroom.ui.widgets.forms import RecordDialog
from policeroom.ui.widgets.table import Column


def day_text(services: Services, member_id: int | None, day: date) -> str:
    """What a person has on a day: “白班”, “休息”."""
    if member_id is None:
        return ""
    view = services.roster.view(day, day)
    shifts = {s.id: s.name for s in view.problem.shifts}
    names = [shifts.get(c.shift_id, "") for c in view.cells_of(member_id, day)]
    return "、".join(n for n in names if n) or tr("休息")


class SwapDialog(RecordDialog):
    """申请调班: my day and a colleague's day, with what each of us is rostered for, and the reason."""

    limits_from = ShiftSwap  # text fields show the limits the service enforces

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("申请调班"), parent)
        self.services = services
        tomorrow = clock.today() + timedelta(days=1)
        self.member_a = self.add_field(tr("申请人"), "member_a", member_combo(services, only_self=True))
        self.day_a = self.add_field(tr("申请人日期"), "day_a", date_edit(tomorrow))
        self.has_a = QLabel()
        self.form.addRow("", self.has_a)
        self.member_b = self.add_field(tr("对调人"), "member_b", member_combo(services))
        self.day_b = self.add_field(tr("对调人日期"), "day_b", date_edit(tomorrow))
        self.has_b = QLabel()
        self.form.addRow("", self.has_b)
        self.reason = self.add_field(tr("调班事由"), "reason", QLineEdit())
        self.reason.setPlaceholderText(tr("例如：孩子家长会"))
        hint = QLabel(tr("批准后，申请人当天的班和对调人当天的班互换。"))
        hint.setStyleSheet("color: #616161;")
        self.form.addRow("", hint)
        for w in (self.member_a, self.member_b):
            w.currentIndexChanged.connect(lambda _i: self._show())
        for w in (self.day_a, self.day_b):
            w.dateChanged.connect(lambda _d: self._show())
        self.saved_id: int | None = None
        self._show()

    def _show(self) -> None:
        for who, day, label in ((self.member_a, self.day_a, self.has_a), (self.member_b, self.day_b, self.has_b)):
            d = date_of(day)
            label.setText(tr("{d}（星期{w}）排班：{x}").format(
                d=md(d), w=WEEKDAYS[d.weekday()], x=day_text(self.services, who.currentData(), d)))

    def submit(self) -> None:
        a, b = self.member_a.currentData(), self.member_b.currentData()
        if a is None:
            from policeroom.errors import ValidationError

            raise ValidationError("member_a", tr("请选择申请人"))
        self.saved_id = self.services.roster.request_swap(a, date_of(self.day_a), b, date_of(self.day_b),
                                                          self.reason.text())


class SwapPanel(QWidget):
    """The list of swap requests with 申请 / 批准 / 不批准 / 撤回."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.status = QComboBox()
        self.status.addItem(tr("全部"), None)
        for key, label in SWAP_STATUS.items():
            self.status.addItem(label, key)
        self.status.setCurrentIndex(1)  # 待审批
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = list_model([
            Column(tr("申请人"), lambda r: f"{r.member_a} {md(r.day_a)}"),
            Column(tr("对调人"), lambda r: f"{r.member_b} {md(r.day_b)}"),
            Column(tr("事由"), lambda r: r.reason),
            Column(tr("提交人"), lambda r: r.submitter),
            Column(tr("提交时间"), lambda r: f"{r.requested_at:%m-%d %H:%M}"),
            Column(tr("状态"), lambda r: r.status_label),
            Column(tr("审批"), lambda r: " ".join(x for x in (r.decided_by, r.decision_note) if x)),
        ], lambda: self.services.roster.swaps(self.status.currentData()))
        self.table = table_for(self.model)
        approver = services.actor.can(Perm.approve_roster)
        self.approve_btn = button("批准", lambda: self.decide(True), approver)
        self.reject_btn = button("不批准", lambda: self.decide(False), approver)
        bar = button_bar(button("申请调班…", self.ask), self.approve_btn, self.reject_btn,
                         button("撤回", self.cancel), QLabel(tr("状态")), self.status)
        lay = QVBoxLayout(self)
        lay.addWidget(title(tr("调班申请（本人申请，社区民警审批；批准后排班表自动互换）")))
        lay.addLayout(bar)
        lay.addWidget(self.table)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind == "roster" else None)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()

    def ask(self) -> None:
        if SwapDialog(self.services, self).exec():
            self.status.setCurrentIndex(1)
            self.bus.notify("roster")

    def _pending(self) -> SwapRow | None:
        row = selected(self.table)
        if row is None:
            return None
        if row.status != "pending":
            QMessageBox.information(self, tr("调班"), tr("这份调班申请已{s}。").format(s=row.status_label))
            return None
        return row

    def decide(self, approve: bool) -> None:
        row = self._pending()
        if row is None:
            return
        what = tr("批准") if approve else tr("不批准")
        note, ok = ask_text(
            self, tr("{w}调班").format(w=what),
            tr("{a} {da} 与 {b} {db} 调班。\n审批意见（可不填）：").format(
                a=row.member_a, da=md(row.day_a), b=row.member_b, db=md(row.day_b)),
            tr("同意") if approve else "")
        if not ok:
            return
        if attempt(self, "无法审批", lambda: self.services.roster.decide_swap(row.id, approve, note)):
            self.bus.notify("roster")

    def cancel(self) -> None:
        row = self._pending()
        if row is not None and attempt(self, "无法撤回", lambda: self.services.roster.cancel_swap(row.id)):
            self.bus.notify("roster")
