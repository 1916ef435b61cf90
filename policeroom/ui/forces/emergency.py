"""The 应急单元 tab: minimum emergency units on the left; the chosen unit's members (在岗签到/签退)
and its drills (拉动测试, with the printed record) on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.forces.types import DrillRow, MemberRow, UnitRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.forces.groups import _no_search
from policeroom.ui.forces.unit_form import UnitDialog
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, IdRole, ListTableModel


def _table(model: ListTableModel) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def _selected(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return view.model().data(view.model().index(rows[0].row(), 0), IdRole) if rows else None


class UnitsList(ListPage):
    kind = "emergency_unit"
    noun = "应急单元"
    export_name = "最小应急单元名单"
    dialog_class = UnitDialog

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        columns = [
            Column(tr("单元"), lambda r: r.name), Column(tr("类别"), lambda r: r.kind),
            Column(tr("网格"), lambda r: r.grid),
            Column(tr("在岗/成员"), lambda r: f"{r.on_post}/{r.members}", align_right=True),
            Column(tr("最近测试"), lambda r: r.last_drill or tr("未测试")),
        ]  # fmt: skip
        model: ListTableModel[UnitRow] = ListTableModel(columns, lambda _s, _d: services.emergency.units(),
                                                        dimmed=lambda r: r.archived)  # fmt: skip
        super().__init__(model, "", services, bus, parent)
        _no_search(self)
        self.export_full.hide()  # no identity numbers or phones in this list
        self.table.setSortingEnabled(False)
        self.new_button.setText(tr("新建单元"))
        self.reload()
        self.resize_columns([140, 50, 140, 80, 90])

    def record_service(self):  # noqa: ANN201
        class _A:
            delete = self.services.emergency.archive_unit

        return _A()

    def empty_text(self) -> str:
        return tr("还没有应急单元。点击“新建单元”，按场所（商圈、学校、市场…）组建最小应急单元并设岗位。")


class EmergencyTab(QWidget):
    """应急单元: units, members on post, drills."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.units = UnitsList(services, bus)
        self.member_model: ListTableModel[MemberRow] = ListTableModel([
            Column(tr("姓名"), lambda r: r.name), Column(tr("岗位"), lambda r: r.post),
            Column(tr("联系电话"), lambda r: r.phone),
            Column(tr("在岗"), lambda r: tr("在岗（{t}起）").format(t=f"{r.on_post_since:%H:%M}") if r.on_post_since else tr("不在岗")),
        ], lambda _s, _d: services.emergency.members(self.unit_id) if self.unit_id else [])  # fmt: skip
        self.drill_model: ListTableModel[DrillRow] = ListTableModel([
            Column(tr("测试时间"), lambda r: f"{r.held_at:%Y-%m-%d %H:%M}"), Column(tr("情景"), lambda r: r.scenario),
            Column(tr("到达"), lambda r: f"{r.arrived}/{r.called}"), Column(tr("响应圈"), lambda r: r.rings),
        ], lambda _s, _d: services.emergency.drills(self.unit_id) if self.unit_id else [])  # fmt: skip
        self.unit_id: int | None = None
        self.members = _table(self.member_model)
        self.drills = _table(self.drill_model)
        self.title = QLabel()
        self.check_in_btn, self.check_out_btn = QPushButton(tr("在岗签到")), QPushButton(tr("签退"))
        self.new_drill_btn, self.edit_drill_btn = QPushButton(tr("登记拉动测试")), QPushButton(tr("查看/修改"))
        self.print_drill_btn = QPushButton(tr("打印测试记录"))
        self.check_in_btn.clicked.connect(lambda: self._post(True))
        self.check_out_btn.clicked.connect(lambda: self._post(False))
        self.new_drill_btn.clicked.connect(lambda: self.open_drill(None))
        self.edit_drill_btn.clicked.connect(lambda: self.open_drill(_selected(self.drills)))
        self.drills.doubleClicked.connect(lambda _i: self.open_drill(_selected(self.drills)))
        self.print_drill_btn.clicked.connect(self.print_drill)
        right = QWidget()
        r = QVBoxLayout(right)
        r.addWidget(self.title)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("<b>成员与岗位</b>")))
        bar.addStretch(1)
        bar.addWidget(self.check_in_btn)
        bar.addWidget(self.check_out_btn)
        r.addLayout(bar)
        r.addWidget(self.members, 1)
        bar = QHBoxLayout()
        drills = QLabel(tr("<b>拉动测试</b>"))
        drills.setToolTip(tr("响应圈：1分钟岗位人员自救、3分钟互救、5分钟事发单位或应急网格施救；10分钟镇街力量增援、20分钟专业救援"))
        bar.addWidget(drills)
        bar.addStretch(1)
        for b in (self.new_drill_btn, self.edit_drill_btn, self.print_drill_btn):
            bar.addWidget(b)
        r.addLayout(bar)
        r.addWidget(self.drills, 1)
        legend = QLabel(tr("✓ 达标　✗ 未达标　— 未测试。1分钟自救、3分钟互救（至少2人）、5分钟全部成员到场；10分钟增援、20分钟专业救援。"))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #616161; font-size: 12px;")
        r.addWidget(legend)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.units)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.units.table.selectionModel().selectionChanged.connect(lambda *_: self.show_unit(self.units.selected_id()))
        self.members.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.drills.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        bus.changed.connect(self._on_changed)
        if self.units.model.rowCount():
            self.units.table.selectRow(0)
        self.show_unit(self.units.selected_id())

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind in ("emergency_unit", "post_checkin", "drill", "resident"):
            self.units.reload(select_id=self.unit_id)
            self.show_unit(self.unit_id)

    def show_unit(self, unit_id: int | None) -> None:
        self.unit_id = unit_id
        row = next((u for u in self.units.model._rows if u.id == unit_id), None) if unit_id else None  # noqa: SLF001
        self.title.setText(tr("<b style='font-size:15px'>{n}</b>　{k} · {s}").format(n=row.name, k=row.kind, s=row.site or "")
                           if row else tr("在左侧选择一个应急单元。"))  # fmt: skip
        self.member_model.reload()
        self.drill_model.reload()
        self._buttons()

    def _buttons(self) -> None:
        member, drill = _selected(self.members), _selected(self.drills)
        self.check_in_btn.setEnabled(member is not None)
        self.check_out_btn.setEnabled(member is not None)
        self.new_drill_btn.setEnabled(self.unit_id is not None and self.member_model.rowCount() > 0)
        self.edit_drill_btn.setEnabled(drill is not None)
        self.print_drill_btn.setEnabled(drill is not None)

    def _post(self, on: bool) -> None:
        member = _selected(self.members)
        if member is None:
            return
        try:
            (self.services.emergency.check_in if on else self.services.emergency.check_out)(member)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法保存"), e.message)
            return
        self.bus.notify("post_checkin", member)

    def open_drill(self, drill_id: int | None) -> int | None:
        from policeroom.ui.forces.drill_form import DrillDialog

        if self.unit_id is None:
            return None
        data = self.services.emergency.blank_drill(self.unit_id) if drill_id is None else self.services.emergency.drill(drill_id).data
        dlg = DrillDialog(self.services, data, drill_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("drill", dlg.saved_id)
        return dlg.saved_id

    def print_drill(self) -> None:
        from policeroom.reports.forces.drill import drill_pdf
        from policeroom.ui.widgets.pdf_output import present_pdf

        drill_id = _selected(self.drills)
        if drill_id is None:
            return
        d = self.services.emergency.drill(drill_id)
        self.services.record_output("print", f"拉动测试记录 {d.unit} {d.data.held_at:%Y-%m-%d}")
        present_pdf(self, drill_pdf(d, self.services.settings.get()), f"拉动测试记录-{d.unit}-{d.data.held_at:%Y%m%d}.pdf")
