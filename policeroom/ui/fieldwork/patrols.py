"""The 巡防 tab: patrol records (completion, missed and out-of-order points), routes, findings → grid events,
and the roster's planned patrols of this week that have no record yet."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.core import clock
from policeroom.services.fieldwork.types import PatrolRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.fieldwork.common import grid_combo
from policeroom.ui.fieldwork.patrol_dialog import PatrolDialog
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel


def patrol_columns() -> list[Column[PatrolRow]]:
    def gaps(r: PatrolRow) -> str:
        parts = []
        if r.reading.missed:
            parts.append(tr("漏巡：") + "、".join(r.reading.missed))
        if r.reading.out_of_order:
            parts.append(tr("顺序不符：") + "；".join(r.reading.out_of_order))
        return "；".join(parts) or tr("无")

    return [
        Column(tr("日期"), lambda r: f"{r.day:%Y-%m-%d}", "day", export=lambda r: r.day),
        Column(tr("时段"), lambda r: r.window),
        Column(tr("路线"), lambda r: r.route),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("人数"), lambda r: f"{r.people_count}" + (tr("（不足）") if r.short_handed else ""),
               tooltip=lambda r: r.people),  # fmt: skip
        Column(tr("完成率"), lambda r: r.reading.completion_text, align_right=True),
        Column(tr("漏巡和顺序"), gaps, tooltip=gaps),
        Column(tr("发现问题"), lambda r: "；".join(r.reading.problems) or tr("无"),
               tooltip=lambda r: r.findings or "；".join(r.reading.problems)),  # fmt: skip
    ]


class FindingDialog(QDialog):
    """发现问题 → 网格事件: pick the point, the category, describe it."""

    def __init__(self, services: Services, row: PatrolRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.number: str | None = None
        self.setWindowTitle(tr("发现问题转为网格事件"))
        form = QFormLayout(self)
        self.point = QComboBox()
        for p in row.points:
            if p.problem and not p.event_id:
                self.point.addItem(f"{p.seq}. {p.name}" + (f"：{p.note}" if p.note else ""), (p.id, p.note))
        self.category = QComboBox()
        for cid, name in services.patrols.event_categories():
            self.category.addItem(name, cid)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(80)
        self.point.currentIndexChanged.connect(lambda _i: self._fill())
        form.addRow(tr("检查点"), self.point)
        form.addRow(tr("事件类别"), self.category)
        form.addRow(tr("问题描述"), self.description)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("上报网格事件"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.report)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(480)
        self._fill()

    def _fill(self) -> None:
        data = self.point.currentData()
        if data:
            self.description.setPlainText(data[1])

    def report(self) -> None:
        data = self.point.currentData()
        if data is None:
            return
        try:
            self.number = self.services.patrols.report_finding(data[0], self.category.currentData(),
                                                               self.description.toPlainText())  # fmt: skip
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()


class PatrolsPage(ListPage):
    kind = "patrol_record"
    noun = "巡防记录"
    dialog_class = PatrolDialog
    export_name = "巡防记录"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services, self.bus = services, bus
        model: ListTableModel[PatrolRow] = ListTableModel(patrol_columns(), self._load)
        self.grid = grid_combo(services, all_label="全部网格")
        self.incomplete = QCheckBox(tr("只看漏巡或顺序不符"))
        super().__init__(model, tr("搜索：路线、网格、人员"), services, bus, parent)
        self.new_button.setText(tr("登记巡防"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        self.routes_button = QPushButton(tr("巡防路线"))
        self.event_button = QPushButton(tr("问题转网格事件"))
        self.event_button.setToolTip(tr("把选中巡防记录中“发现问题”的检查点上报为网格事件"))
        self.routes_button.clicked.connect(self.open_routes)
        self.event_button.clicked.connect(self.report_finding)
        self.add_filter_row(self.grid, self.incomplete, self.routes_button, self.event_button)
        self.planned = QLabel()
        self.planned.setWordWrap(True)
        self.planned.setStyleSheet("background: #fff8e1; color: #6d4c00; padding: 6px; border-radius: 4px;")
        layout.insertWidget(layout.count() - 1, self.planned)
        bus.changed.connect(lambda kind, _ids: kind in ("patrol_record", "roster", "patrol_route") and self.reload())
        self.reload()
        self.resize_columns([90, 90, 160, 160, 84, 64, 280, 160])

    def _load(self, _sort: str | None, _descending: bool) -> list[PatrolRow]:
        today = clock.today()
        rows = self.services.patrols.list(today - timedelta(days=366), today, grid_id=self.grid.currentData(),
                                          only_incomplete=self.incomplete.isChecked())  # fmt: skip
        q = self.query
        if q:
            rows = [r for r in rows if q in r.route or q in r.grid or q in r.people]
        return rows

    def reload(self, select_id: int | None = None) -> None:
        super().reload(select_id)
        if hasattr(self, "planned"):
            today = clock.today()
            monday = today - timedelta(days=today.weekday())
            # up to yesterday: today's patrols may still be under way
            missing = [p for p in self.services.patrols.planned(monday, today - timedelta(days=1)) if not p.recorded]
            text = "；".join(f"{p.day.month}月{p.day.day}日 {p.grid}（{'、'.join(p.members)}）" for p in missing)
            self.planned.setText(tr("本周排班计划的巡防尚无记录：") + text)
            self.planned.setVisible(bool(missing))

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "event_button"):
            row = self.selected_row()
            self.event_button.setEnabled(row is not None and any(p.problem and not p.event_id for p in row.points))

    def empty_text(self) -> str:
        if not self.query and not self.services.patrols.routes():
            return tr("还没有巡防路线。请点击“巡防路线”设置网格的巡逻路线和检查点，再登记巡防。")
        return super().empty_text()

    def record_service(self):  # noqa: ANN201
        return self.services.patrols

    def row_title(self, row: PatrolRow | None) -> str:  # type: ignore[override]
        return f"{row.day} {row.route}" if row is not None else ""

    def open_routes(self) -> None:
        from policeroom.ui.fieldwork.routes import RoutesDialog

        dlg = RoutesDialog(self.services, self)
        dlg.exec()
        if dlg.changed:
            self.bus.notify("patrol_route")
            self.reload()

    def report_finding(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dlg = FindingDialog(self.services, row, self)
        if dlg.exec() and dlg.number:
            self.bus.notify("grid_event")
            self.bus.notify(self.kind, row.id)
            self.reload(select_id=row.id)
            QMessageBox.information(self, tr("已上报"), tr("已上报网格事件 {n}，等待立案。").format(n=dlg.number))
