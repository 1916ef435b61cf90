"""值班与交接 tab: the day's 签到 / 签退 at the desk against the roster (迟到、缺勤、早退), the 交接班 log, and
the day's duty sheet (值班日志) as PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import ValidationError
from policeroom.models.roster import Handover
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.services.roster.duty import AttendanceRow
from policeroom.services.roster.types import WEEKDAYS
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.common import (
    FAIL_STYLE,
    OK_STYLE,
    attempt,
    button,
    button_bar,
    confirm,
    date_edit,
    date_of,
    list_model,
    member_combo,
    selected,
    set_date,
    table_for,
    title,
)
from policeroom.ui.widgets.forms import RecordDialog
from policeroom.ui.widgets.table import Column


def _hm(at: datetime | None, day: date) -> str:
    if at is None:
        return ""
    return f"{at:%H:%M}" if at.date() == day else f"{at:%m-%d %H:%M}"


class HandoverDialog(RecordDialog):
    """One entry of the handover log: time, matters, 交班人, 接班人."""

    limits_from = Handover  # text fields show the limits the service enforces

    def __init__(self, services: Services, day: date, parent: QWidget | None = None) -> None:
        super().__init__(tr("添加交接班记录"), parent)
        self.services = services
        self.day = day
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        now = clock.now()
        self.at.setTime(QTime(now.hour, now.minute) if day == now.date() else QTime(8, 30))
        self.add_field(tr("交接时间"), "at", self.at)
        self.matters = QPlainTextEdit()
        self.matters.setPlaceholderText(tr("例如：值班电话、对讲机、执法记录仪交接完好；3号楼楼道堆物已通知物业，明日复查"))
        self.matters.setMinimumHeight(110)
        self.add_field(tr("交接事项"), "matters", self.matters)
        self.from_member = self.add_field(tr("交班人"), "from_member", member_combo(services, blank=tr("（请选择）")))
        self.to_member = self.add_field(tr("接班人"), "to_member", member_combo(services, blank=tr("（请选择）")))
        self.saved_id: int | None = None

    def submit(self) -> None:
        a, b = self.from_member.currentData(), self.to_member.currentData()
        if a is None:
            raise ValidationError("from_member", tr("请选择交班人"))
        if b is None:
            raise ValidationError("to_member", tr("请选择接班人"))
        if a == b:
            raise ValidationError("to_member", tr("接班人与交班人不能是同一人"))
        t = self.at.time()
        at = datetime.combine(self.day, datetime.min.time()) + timedelta(hours=t.hour(), minutes=t.minute())
        self.saved_id = self.services.duty.add_handover(at, self.matters.toPlainText(), a, b)


class DutyPanel(QWidget):
    """The day picked above; 签到 / 签退 for the selected person; the handover log and its printout."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        #: the clock used for 签到 / 签退 (tests set another)
        self.clock: Callable[[], datetime] = clock.now_minute
        self.day = date_edit(clock.today())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.weekday = QLabel()
        self.only_bad = QCheckBox(tr("只看迟到、缺勤、早退"))
        self.only_bad.toggled.connect(lambda _b: self.refresh())
        self.attendance = list_model([
            Column(tr("班次"), lambda r: r.shift),
            Column(tr("姓名"), lambda r: r.member),
            Column(tr("岗位"), lambda r: r.post),
            Column(tr("应到时间"), lambda r: r.planned),
            Column(tr("签到"), lambda r: _hm(r.check_in, r.day)),
            Column(tr("签退"), lambda r: _hm(r.check_out, r.day)),
            Column(tr("情况"), lambda r: ("⚠ " if r.bad else "") + r.status),
        ], self._attendance_rows)
        self.table = table_for(self.attendance)
        self.check_in_btn = button("签到", lambda: self.clock_in_out(True))
        self.check_out_btn = button("签退", lambda: self.clock_in_out(False))
        self.message = QLabel()
        self.tally = QLabel()
        self.handovers = list_model([
            Column(tr("时间"), lambda r: f"{r.at:%H:%M}"),
            Column(tr("交班人"), lambda r: r.from_name),
            Column(tr("接班人"), lambda r: r.to_name),
            Column(tr("交接事项"), lambda r: r.matters),
        ], lambda: self.services.duty.handovers(date_of(self.day)))
        self.handover_table = table_for(self.handovers)
        self.handover_table.setWordWrap(True)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(title(tr("签到签退（按当天排班核对：迟到、缺勤、早退）")))
        tl.addLayout(button_bar(self.check_in_btn, self.check_out_btn, self.only_bad, self.message))
        tl.addWidget(self.table)
        tl.addWidget(self.tally)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(title(tr("交接班记录")))
        bl.addLayout(button_bar(button("添加交接记录…", self.add_handover),
                                button("删除", self.delete_handover, services.actor.can(Perm.edit_roster)),
                                button("打印当天值班日志…", self.print_sheet)))
        bl.addWidget(self.handover_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("日期")))
        head.addWidget(self.day)
        head.addWidget(button("今天", lambda: set_date(self.day, clock.today())))
        head.addWidget(self.weekday)
        head.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind in ("roster", "team_member") else None)
        self.refresh()

    def _attendance_rows(self) -> list[AttendanceRow]:
        d = date_of(self.day)
        rows = self.services.duty.attendance(d, d, now=self.clock())
        return [r for r in rows if r.bad] if self.only_bad.isChecked() else rows

    def refresh(self) -> None:
        d = date_of(self.day)
        self.weekday.setText(tr("星期{w}").format(w=WEEKDAYS[d.weekday()]))
        self.attendance.reload()
        self.handovers.reload()
        rows = self.services.duty.attendance(d, d, now=self.clock())
        counts = {k: sum(1 for r in rows if k in r.status) for k in ("迟到", "缺勤", "早退", "未签退")}
        done = sum(1 for r in rows if r.check_in is not None)
        self.tally.setText(tr("当天排班 {n} 人次，已签到 {d}；").format(n=len(rows), d=done)
                           + "，".join(f"{k} {v}" for k, v in counts.items()))
        self.tally.setStyleSheet(FAIL_STYLE if any(counts.values()) else "")

    def clock_in_out(self, arrive: bool) -> None:
        row = selected(self.table)
        if row is None:
            QMessageBox.information(self, tr("签到签退"), tr("请先在列表中选中要签到或签退的人。"))
            return
        fn = self.services.duty.check_in if arrive else self.services.duty.check_out
        result: list[str] = []
        if attempt(self, "无法签到" if arrive else "无法签退", lambda: result.append(fn(row.member_id, self.clock()))):
            self.message.setText(result[0])
            self.message.setStyleSheet(FAIL_STYLE if ("迟到" in result[0] or "早退" in result[0]) else OK_STYLE)
            self.bus.notify("roster")

    def add_handover(self) -> None:
        if HandoverDialog(self.services, date_of(self.day), self).exec():
            self.bus.notify("roster")

    def delete_handover(self) -> None:
        row = selected(self.handover_table)
        if row is None or not confirm(self, "删除", f"删除 {row.at:%H:%M} 的交接班记录？"):
            return
        if attempt(self, "无法删除", lambda: self.services.duty.delete_handover(row.id)):
            self.bus.notify("roster")

    def sheet_pdf(self) -> bytes:
        from policeroom.reports.roster.pdf import duty_sheet_pdf

        d = date_of(self.day)
        on_duty, handovers = self.services.duty.sheet(d)
        return duty_sheet_pdf(d, on_duty, handovers, self.services.settings.get())

    def print_sheet(self) -> None:
        """The day's 值班日志 in the print preview (打印… / 另存为…)."""
        from policeroom.ui.widgets.pdf_preview import show_pdf

        show_pdf(self, self.sheet_pdf(), f"值班日志-{date_of(self.day):%Y%m%d}.pdf")
