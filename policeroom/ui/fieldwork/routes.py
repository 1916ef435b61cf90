"""Patrol routes (巡防路线): a list with 新建 / 编辑 / 停用, and the route form (checkpoints one per line)."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import PatrolRoute
from policeroom.services.core.context import Perm
from policeroom.services.fieldwork.types import RouteInput
from policeroom.services.registry import Services
from policeroom.ui.fieldwork.common import grid_combo, py_time, time_edit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


class RouteDialog(RecordDialog):
    limits_from = PatrolRoute

    def __init__(self, services: Services, route_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建巡防路线") if route_id is None else tr("编辑巡防路线"), parent)
        self.services, self.route_id = services, route_id
        self.saved_id: int | None = None
        self.grid = self.add_field(tr("网格"), "grid_id", grid_combo(services, none_label="请选择…"))
        self.name = self.add_field(tr("路线名称"), "name", QLineEdit())
        self.name.setPlaceholderText(tr("例如 一网格夜间巡防"))
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        self.start, self.end = time_edit(), time_edit()
        row.addWidget(self.start)
        row.addWidget(QLabel(tr("至")))
        row.addWidget(self.end)
        row.addStretch(1)
        self.add_field(tr("巡防时段"), "end_time", times)
        self.min_people = self.add_field(tr("最少人数"), "min_people", QSpinBox())
        self.min_people.setRange(1, 50)
        self.min_people.setValue(2)
        self.min_people.setSuffix(tr(" 人"))
        self.points = self.add_field(tr("检查点"), "checkpoints", QPlainTextEdit(), limit=2000)
        self.points.setPlaceholderText(tr("每行一个，按巡逻顺序，例如：\n小区北门\n菜市场\n幼儿园"))
        self.points.setFixedHeight(150)
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        if route_id is not None:
            r = services.patrols.route(route_id)
            self.enable_history(r.name, lambda: services.history("patrol_route", route_id))
            combo_select(self.grid, r.grid_id)
            self.name.setText(r.name)
            self.start.setTime(time_edit(r.start_time).time())
            self.end.setTime(time_edit(r.end_time).time())
            self.min_people.setValue(r.min_people)
            self.points.setPlainText("\n".join(n for _i, n in r.checkpoints))
            self.notes.setPlainText(r.notes)
        else:
            self.start.setTime(time_edit(time(19, 0)).time())
            self.end.setTime(time_edit(time(21, 0)).time())

    def data(self) -> RouteInput:
        return RouteInput(self.grid.currentData(), self.name.text(), py_time(self.start), py_time(self.end),
                          self.min_people.value(), self.points.toPlainText().splitlines(),
                          self.notes.toPlainText())  # fmt: skip

    def submit(self) -> None:
        if self.route_id is None:
            self.saved_id = self.services.patrols.create_route(self.data())
        else:
            self.services.patrols.update_route(self.route_id, self.data())
            self.saved_id = self.route_id


class RoutesDialog(QDialog):
    """All routes of the actor's grids; the officer and staff add, edit and stop using them."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.changed = False
        self.setWindowTitle(tr("巡防路线"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("网格"), tr("路线名称"), tr("时段"), tr("最少人数"), tr("检查点")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.empty = QLabel(tr("还没有巡防路线。点击“新建路线”，按巡逻顺序写下检查点。"))
        self.empty.setStyleSheet("color: #757575; padding: 16px;")
        bar = QHBoxLayout()
        self.new_btn, self.edit_btn, self.stop_btn = QPushButton(tr("新建路线")), QPushButton(tr("编辑")), QPushButton(tr("停用"))
        for b in (self.new_btn, self.edit_btn, self.stop_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        bar.addWidget(close)
        self.new_btn.clicked.connect(lambda: self._open(None))
        self.edit_btn.clicked.connect(self.edit)
        self.stop_btn.clicked.connect(self.stop)
        may = services.actor.can(Perm.edit_all_grids)
        for b in (self.new_btn, self.edit_btn, self.stop_btn):
            b.setEnabled(may)
            if not may:
                b.setToolTip(tr("巡防路线由社区民警和工作人员设置"))
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        self.rows = self.services.patrols.routes()
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            cells = [r.grid, r.name, r.window, f"{r.min_people}", " → ".join(n for _c, n in r.checkpoints)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty.setVisible(not self.rows)

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()].id if rows else None

    def _open(self, route_id: int | None) -> None:
        dlg = RouteDialog(self.services, route_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.changed = True
            self.reload()

    def edit(self) -> None:
        rid = self._selected()
        if rid is not None and self.edit_btn.isEnabled():
            self._open(rid)

    def stop(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        rid = self._selected()
        if rid is None:
            return
        try:
            self.services.patrols.archive_route(rid)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法停用"), e.message)
            return
        self.changed = True
        self.reload()
