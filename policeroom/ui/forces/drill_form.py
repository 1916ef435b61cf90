"""The drill dialog (拉动测试): each called member's arrival time, the rings met shown as they are typed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from policeroom.errors import ValidationError
from policeroom.models import Drill
from policeroom.services.forces.rings import duration_text, evaluate_rings, parse_duration, ring_mark
from policeroom.services.forces.types import ArrivalInput, DrillInput
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import RecordDialog, tr


class ArrivalsTable(QTableWidget):
    """姓名 · 岗位 · 到达用时 (2:05, 2分5秒 or seconds; empty = did not arrive)."""

    def __init__(self, arrivals: list[ArrivalInput], parent: QWidget | None = None) -> None:
        super().__init__(len(arrivals), 3, parent)
        self.arrivals = arrivals
        self.setHorizontalHeaderLabels([tr("姓名"), tr("岗位"), tr("到达用时")])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        for i, a in enumerate(arrivals):
            for j, text in enumerate((a.name, a.post)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.setItem(i, j, item)
            self.setItem(i, 2, QTableWidgetItem("" if a.seconds is None else duration_text(a.seconds)))
        self.setMinimumHeight(min(8, max(3, len(arrivals))) * 36 + 44)
        self.changed = self.itemChanged

    def values(self) -> list[ArrivalInput]:
        """The arrivals with their times; ValidationError names the first unreadable time."""
        out = []
        for i, a in enumerate(self.arrivals):
            text = self.item(i, 2).text() if self.item(i, 2) else ""
            try:
                seconds = parse_duration(text)
            except ValueError as e:
                raise ValidationError("arrivals", f"{a.name}：{e}") from None
            out.append(ArrivalInput(a.name, a.post, seconds, a.member_id))
        return out


class DrillDialog(RecordDialog):
    limits_from = Drill

    def __init__(self, services: Services, data: DrillInput, drill_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("登记拉动测试") if drill_id is None else tr("编辑拉动测试"), parent)
        self.services, self.drill_id, self.base, self.saved_id = services, drill_id, data, None
        self.held_at = self.add_field(tr("测试时间"), "held_at", QDateTimeEdit())
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        if data.held_at:
            self.held_at.setDateTime(QDateTime(data.held_at.year, data.held_at.month, data.held_at.day,
                                               data.held_at.hour, data.held_at.minute, 0))  # fmt: skip
        self.scenario = self.add_field(tr("情景"), "scenario", QLineEdit(data.scenario))
        self.scenario.setPlaceholderText(tr("例如：市场内商铺电动车充电起火"))
        self.organiser = self.add_field(tr("组织人"), "organiser", QLineEdit(data.organiser))
        self.arrivals = self.add_field(tr("到达情况"), "arrivals", ArrivalsTable(data.arrivals))
        hint = QLabel(tr("用时自发出指令起计，写 2:05、2分5秒 或 125（秒）；未到达的留空。"))
        hint.setStyleSheet("color: #616161; font-size: 12px;")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.reinforcement = self.add_field(tr("镇街力量到达用时"), "reinforcement_seconds", QLineEdit(
            "" if data.reinforcement_seconds is None else duration_text(data.reinforcement_seconds)))
        self.professional = self.add_field(tr("专业救援到达用时"), "professional_seconds", QLineEdit(
            "" if data.professional_seconds is None else duration_text(data.professional_seconds)))
        for w in (self.reinforcement, self.professional):
            w.setPlaceholderText(tr("未参加本次测试的留空"))
        self.rings = QLabel()
        self.rings.setWordWrap(True)
        self.form.addRow(tr("响应圈"), self.rings)
        self.problems = self.add_field(tr("存在问题"), "problems", QPlainTextEdit(data.problems))
        self.problems.setFixedHeight(70)
        self.arrivals.itemChanged.connect(lambda _i: self.show_rings())
        self.reinforcement.textChanged.connect(lambda _t: self.show_rings())
        self.professional.textChanged.connect(lambda _t: self.show_rings())
        self.setMinimumWidth(660)
        self.show_rings()

    def _seconds(self, edit: QLineEdit, field: str, label: str) -> int | None:
        try:
            return parse_duration(edit.text())
        except ValueError as e:
            raise ValidationError(field, f"{label}：{e}") from None

    def show_rings(self) -> None:
        try:
            times = [a.seconds for a in self.arrivals.values()]
            r = self._seconds(self.reinforcement, "reinforcement_seconds", "")
            p = self._seconds(self.professional, "professional_seconds", "")
        except ValidationError:
            self.rings.setText(tr("（用时无法识别，见上）"))
            return
        parts = []
        for ring in evaluate_rings(times, r, p):
            color = "#9e9e9e" if ring.met is None else ("#2e7d32" if ring.met else "#c62828")
            parts.append(f"<span style='color:{color}'>{ring_mark(ring)} {ring.name}</span>")
        self.rings.setText("　".join(parts))

    def data(self) -> DrillInput:
        q = self.held_at.dateTime()
        held = datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
        return DrillInput(
            unit_id=self.base.unit_id, held_at=held, scenario=self.scenario.text(), organiser=self.organiser.text(),
            arrivals=self.arrivals.values(),
            reinforcement_seconds=self._seconds(self.reinforcement, "reinforcement_seconds", tr("镇街力量到达用时")),
            professional_seconds=self._seconds(self.professional, "professional_seconds", tr("专业救援到达用时")),
            problems=self.problems.toPlainText(),
        )  # fmt: skip

    def submit(self) -> None:
        self.saved_id = self.services.emergency.save_drill(self.drill_id, self.data())
