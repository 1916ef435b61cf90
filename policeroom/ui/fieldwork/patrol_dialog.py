"""The patrol record form (巡防记录): route, date, window, people, and each checkpoint's time and finding.

Typed afterwards from the paper sheet, or entered live: 打卡 beside a checkpoint sets it reached now.
The line under the checkpoints reads the points as they stand (完成率, 漏巡, 顺序不符) while typing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from policeroom.models import PatrolRecord
from policeroom.services.core import clock
from policeroom.services.fieldwork.checkpoints import PointState, read_points
from policeroom.services.fieldwork.patrols import HELPERS_TEXT_LIMIT
from policeroom.services.fieldwork.types import PatrolInput, PointInput, RouteRow
from policeroom.services.registry import Services
from policeroom.ui.fieldwork.common import member_choices, py_time, split_names, time_edit
from policeroom.ui.widgets.dates import pydate, qdate, today_qdate
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, combo_select, limit_text, tr

COL_NAME, COL_REACHED, COL_TIME, COL_PROBLEM, COL_NOTE, COL_NOW = range(6)


class PointsTable(QTableWidget):
    """One row per checkpoint: 已到达, 时间, 发现问题, 情况, 打卡."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels([tr("检查点"), tr("到达"), tr("时间"), tr("有问题"), tr("情况"), ""])
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(36)
        header = self.horizontalHeader()
        header.setStyleSheet("QHeaderView::section { padding-left: 4px; padding-right: 4px; }")
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        for col, w in ((COL_NAME, 150), (COL_REACHED, 56), (COL_TIME, 96), (COL_PROBLEM, 64), (COL_NOW, 72)):
            self.setColumnWidth(col, w)
        self.ids: list[int] = []
        self.names: list[str] = []
        self.used_live = False
        self.on_change = lambda: None

    def set_route(self, route: RouteRow | None, start_qtime) -> None:  # noqa: ANN001 - QTime
        self.setRowCount(0)
        self.ids, self.names = [], []
        if route is None:
            self.on_change()
            return
        for i, (cid, name) in enumerate(route.checkpoints):
            self.insertRow(i)
            self.ids.append(cid)
            self.names.append(name)
            label = QLabel(f"{i + 1}. {name}")
            label.setToolTip(name)
            self.setCellWidget(i, COL_NAME, label)
            reached, when, problem, note = QCheckBox(), time_edit(), QCheckBox(), QLineEdit()
            reached.setChecked(True)
            when.setTime(start_qtime)
            note.setMaxLength(200)
            note.setPlaceholderText(tr("可不填"))
            now = QPushButton(tr("打卡"))
            now.setToolTip(tr("现场录入：把这个检查点记为现在到达"))
            now.clicked.connect(lambda _c=False, r=i: self.punch(r))
            reached.toggled.connect(lambda on, w=when, p=problem: (w.setEnabled(on), p.setEnabled(on),
                                                                   on or p.setChecked(False), self.on_change()))  # fmt: skip
            when.timeChanged.connect(lambda _t: self.on_change())
            for col, w in ((COL_REACHED, reached), (COL_TIME, when), (COL_PROBLEM, problem), (COL_NOTE, note),
                           (COL_NOW, now)):  # fmt: skip
                self.setCellWidget(i, col, w)
        self.on_change()

    def _w(self, row: int, col: int):  # noqa: ANN202
        return self.cellWidget(row, col)

    def punch(self, row: int) -> None:
        now = clock.now()
        self._w(row, COL_REACHED).setChecked(True)
        self._w(row, COL_TIME).setTime(QTime(now.hour, now.minute))
        self.used_live = True

    def set_point(self, checkpoint_id: int, at, problem: bool, note: str) -> None:  # noqa: ANN001 - time | None
        if checkpoint_id not in self.ids:
            return
        row = self.ids.index(checkpoint_id)
        self._w(row, COL_REACHED).setChecked(at is not None)
        if at is not None:
                self._w(row, COL_TIME).setTime(QTime(at.hour, at.minute))
        self._w(row, COL_PROBLEM).setChecked(problem)
        self._w(row, COL_NOTE).setText(note)

    def points(self) -> list[PointInput]:
        out = []
        for row, cid in enumerate(self.ids):
            reached = self._w(row, COL_REACHED).isChecked()
            at = py_time(self._w(row, COL_TIME)) if reached else None
            out.append(PointInput(cid, at, reached and self._w(row, COL_PROBLEM).isChecked(),
                                  self._w(row, COL_NOTE).text()))  # fmt: skip
        return out

    def reading_text(self) -> str:
        states = [PointState(i + 1, n, p.at) for i, (n, p) in enumerate(zip(self.names, self.points(), strict=True))]
        return read_points(states).summary if states else tr("请先选择巡防路线")


class PatrolDialog(RecordDialog):
    """Add or edit a patrol record."""

    limits_from = PatrolRecord

    def __init__(self, services: Services, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("登记巡防记录") if record_id is None else tr("编辑巡防记录"), parent)
        self.services, self.record_id = services, record_id
        self.saved_id: int | None = None
        self.routes = {r.id: r for r in services.patrols.routes(include_archived=record_id is not None)}
        self.route = self.add_field(tr("巡防路线"), "route_id", QComboBox())
        self.route.addItem(tr("请选择…"), None)
        # a long route name must not widen the left column past the checkpoints' table (tooltip shows it whole)
        self.route.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.route.setMinimumContentsLength(22)
        for r in self.routes.values():
            if not r.archived:
                self.route.addItem(r.label, r.id)
        self.day = self.add_field(tr("日期"), "day", QDateEdit())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(today_qdate())
        self.day.setMaximumDate(today_qdate())
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        self.start, self.end = time_edit(), time_edit()
        row.addWidget(self.start)
        row.addWidget(QLabel(tr("至")))
        row.addWidget(self.end)
        row.addStretch(1)
        self.add_field(tr("时段"), "end_time", times)
        self.members = self.add_field(tr("团队成员"), "member_ids", CheckList())
        self.members.set_items(member_choices(services), [services.actor.member_id] if services.actor.member_id else [])
        self.volunteers = self.add_field(tr("其他志愿者"), "helpers", QLineEdit())
        limit_text(self.volunteers, HELPERS_TEXT_LIMIT)
        self.volunteers.setPlaceholderText(tr("未登记的，填姓名，用顿号隔开"))
        self.guards = QLineEdit()
        self.guards.setPlaceholderText(tr("姓名（单位），例如 刘强（安华物业）"))
        self.add_field(tr("联防保安"), "guards", self.guards)
        limit_text(self.guards, HELPERS_TEXT_LIMIT)
        self.add_column()
        self.table = self.add_field(tr("检查点"), "points", PointsTable())
        self.table.setMinimumSize(620, 220)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.reading.setStyleSheet("color: #37474f;")
        self.form.addRow("", self.reading)
        self.findings = self.add_field(tr("发现问题及处置"), "findings", QPlainTextEdit())
        self.findings.setFixedHeight(70)
        # registered volunteers of the route's grid: their hours wait for 确认 in 志愿服务 (not typed twice)
        self.picked = self.add_field(tr("在册志愿者"), "volunteer_ids", CheckList())
        self.picked.setToolTip(tr("勾选本网格的在册志愿者，保存后自动生成“智慧义巡”参加记录，时长待组织人或民警确认"))
        self.table.on_change = lambda: self.reading.setText(self.table.reading_text())
        self.route.currentIndexChanged.connect(self._route_changed)
        self.columns.setStretch(0, 4)
        self.columns.setStretch(2, 6)
        self.setMinimumWidth(1260)
        if record_id is not None:
            self._load(record_id)
        else:
            self._route_changed()

    def _route_changed(self) -> None:
        route = self.routes.get(self.route.currentData())
        if route is not None and self.record_id is None:
            self.start.setTime(time_edit(route.start_time).time())
            self.end.setTime(time_edit(route.end_time).time())
        self.table.set_route(route, self.start.time())
        self._fill_volunteers(self.picked.checked_ids())

    def _fill_volunteers(self, checked: list[int] | tuple[int, ...]) -> None:
        items = self.services.patrols.volunteer_choices(self.route.currentData())
        self.picked.set_items(items, checked)
        if not items:
            self.picked.set_items([(0, tr("（本网格没有在册志愿者）"))])
            self.picked.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
            self.picked.item(0).setData(Qt.ItemDataRole.CheckStateRole, None)

    def _load(self, record_id: int) -> None:
        row = self.services.patrols.get(record_id)
        self.enable_history(f"巡防 {row.day}", lambda: self.services.history("patrol_record", record_id))
        self.route.blockSignals(True)
        if self.route.findData(row.route_id) < 0:
            self.route.addItem(self.routes[row.route_id].label, row.route_id)
        combo_select(self.route, row.route_id)
        self.route.blockSignals(False)
        self.day.setDate(qdate(row.day))
        self.start.setTime(time_edit(row.start_time).time())
        self.end.setTime(time_edit(row.end_time).time())
        self.members.set_checked(row.member_ids)
        self._fill_volunteers(row.volunteer_ids)
        self.volunteers.setText("、".join(row.free_volunteers))
        self.guards.setText("、".join(row.guards))
        self.findings.setPlainText(row.findings)
        route = self.routes[row.route_id]
        shown = RouteRow(route.id, route.grid_id, route.grid, route.name, route.start_time, route.end_time,
                         route.min_people, tuple((p.checkpoint_id, p.name) for p in row.points), route.notes,
                         route.archived)  # fmt: skip
        self.table.set_route(shown, self.start.time())
        for p in row.points:
            self.table.set_point(p.checkpoint_id, p.at, p.problem, p.note)
        self.table.on_change()

    def data(self) -> PatrolInput:
        return PatrolInput(
            route_id=self.route.currentData(), day=pydate(self.day.date()), start_time=py_time(self.start),
            end_time=py_time(self.end), member_ids=self.members.checked_ids(),
            volunteers=split_names(self.volunteers.text()), guards=split_names(self.guards.text()),
            points=self.table.points(), findings=self.findings.toPlainText(), live=self.table.used_live,
            volunteer_ids=[i for i in self.picked.checked_ids() if i],
        )  # fmt: skip

    def submit(self) -> None:
        if self.record_id is None:
            self.saved_id = self.services.patrols.create(self.data())
        else:
            self.services.patrols.update(self.record_id, self.data())
            self.saved_id = self.record_id

