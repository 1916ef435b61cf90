"""One activity: its participations and every step (报名 → 录用 → 签到 → 签退 → 登记时长 → 确认时长 | 缺席 | 作废)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import ActivityStatus
from policeroom.services.activities.rules import needs_text, parse_needs
from policeroom.services.activities.types import ParticipationRow
from policeroom.services.registry import Services
from policeroom.ui.activities.common import VolunteerPicker, ask_text, confirm, hours, run
from policeroom.ui.activities.form import ActivityDialog
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import fmt_dt
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.table import Column, IdRole, ListTableModel

KIND = "participation"


def part_columns() -> list[Column[ParticipationRow]]:
    return [
        Column(tr("志愿者编号"), lambda r: r.volunteer_number),
        Column(tr("姓名"), lambda r: f"{r.volunteer_name} {r.star}".strip()),
        Column(tr("岗位"), lambda r: r.role),
        Column(tr("状态"), lambda r: r.status_label + (f"（{r.void_reason}）" if r.void_reason else "")),
        Column(tr("签到"), lambda r: fmt_dt(r.signed_in_at)[11:]),
        Column(tr("签退"), lambda r: fmt_dt(r.signed_out_at)[11:]),
        Column(tr("实际（小时）"), lambda r: hours(r.actual_minutes), align_right=True),
        Column(tr("计入（小时）"), lambda r: hours(r.counted_minutes), align_right=True,
               tooltip=lambda r: tr("实际时长超过活动时长30分钟以上，请核实") if r.flagged else ""),  # fmt: skip
        Column(tr("确认人"), lambda r: r.confirmed_by),
    ]


class PartModel(ListTableModel[ParticipationRow]):
    """A flagged time (longer than the activity + 30 min) stands out in yellow."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.flagged and row.status == "pending":
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#fff3cd"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#212121"))
        return super().data(index, role)


class ActivityDetailDialog(QDialog):
    def __init__(self, services: Services, bus: ChangeBus, activity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus, self.activity_id = services, bus, activity_id
        self.resize(1100, 620)
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.head.setTextFormat(Qt.TextFormat.PlainText)
        self.head.setStyleSheet("font-size: 14px;")
        top = QHBoxLayout()
        self.status_buttons = {
            "edit": QPushButton(tr("编辑活动")), "start": QPushButton(tr("开始活动")),
            "finish": QPushButton(tr("结束活动")), "cancel": QPushButton(tr("取消活动")),
            "sheet": QPushButton(tr("打印签到表")),
        }  # fmt: skip
        for b in self.status_buttons.values():
            top.addWidget(b)
        top.addStretch(1)
        self.status_buttons["edit"].clicked.connect(self.edit)
        self.status_buttons["start"].clicked.connect(lambda: self.set_status(ActivityStatus.running))
        self.status_buttons["finish"].clicked.connect(lambda: self.set_status(ActivityStatus.finished))
        self.status_buttons["cancel"].clicked.connect(lambda: self.set_status(ActivityStatus.cancelled))
        self.status_buttons["sheet"].clicked.connect(self.print_sheet)
        add = QHBoxLayout()
        self.picker = VolunteerPicker(services)
        self.role = QComboBox()
        self.add_button = QPushButton(tr("报名"))
        self.add_button.clicked.connect(lambda: self.add(self.picker.volunteer_id(), self.role.currentText()))
        add.addWidget(QLabel(tr("志愿者")))
        add.addWidget(self.picker, 1)
        add.addWidget(QLabel(tr("岗位")))
        add.addWidget(self.role)
        add.addWidget(self.add_button)
        self.model = PartModel(part_columns(), lambda _k, _d: services.participation.rows(activity_id))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, w in enumerate((100, 150, 70, 140, 60, 60, 100, 100, 80)):
            self.table.setColumnWidth(i, w)
        steps = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for key, label in (("accept", "录用"), ("reject", "不录用"), ("sign_in", "签到"), ("sign_out", "签退"),
                           ("record", "登记时长"), ("confirm", "确认时长"), ("absent", "缺席"), ("void", "作废"),
                           ("history", "修改记录")):  # fmt: skip
            b = QPushButton(tr(label))
            b.clicked.connect(lambda _c=False, k=key: self.step(k))
            steps.addWidget(b)
            self.step_buttons[key] = b
        steps.addStretch(1)
        self.empty = QLabel(tr("还没有人报名。在上方选择志愿者后点击“报名”。"))
        self.empty.setStyleSheet("color: #757575; padding: 12px;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.head)
        lay.addLayout(top)
        lay.addLayout(add)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addLayout(steps)
        self.refresh()

    # -- state ----------------------------------------------------------------------------
    def refresh(self) -> None:
        a = self.services.activities.get(self.activity_id)
        self.row = a
        self.setWindowTitle(f"{a.number} {a.title}")
        need = needs_text(a.needs) or tr("不限")
        self.head.setText(
            f"{a.number}　{a.kind}　{a.title}　【{a.status_label}】\n"
            f"{fmt_dt(a.starts_at)} 至 {fmt_dt(a.ends_at)[11:]}　地点：{a.place or '—'}　网格：{a.grid or '—'}　"
            f"组织人：{a.organiser}\n需要人员：{need}　{'有风险：只安排已投保的志愿者' if a.risky else ''}"
            + (f"\n取消原因：{a.cancel_reason}" if a.cancel_reason else "")
        )
        self.role.clear()
        roles = [r for r, _n in parse_needs(a.needs or "")]
        self.role.addItems(roles or [""])
        self.role.setEnabled(bool(roles))
        open_ = a.status in ("planned", "running")
        self.status_buttons["start"].setEnabled(a.status == "planned")
        self.status_buttons["finish"].setEnabled(a.status == "running")
        self.status_buttons["cancel"].setEnabled(open_)
        self.status_buttons["edit"].setEnabled(open_)
        self.add_button.setEnabled(open_)
        self.model.reload()
        self.empty.setVisible(self.model.rowCount() == 0)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(self.model.index(rows[0].row(), 0), IdRole) if rows else None

    def select(self, pid: int) -> None:
        row = self.model.row_of_id(pid)
        if row >= 0:
            self.table.selectRow(row)

    def _changed(self, pid: int | None = None) -> None:
        self.bus.notify(KIND, *([pid] if pid else []))
        self.bus.notify("points")
        self.refresh()
        if pid:
            self.select(pid)

    # -- actions --------------------------------------------------------------------------
    def add(self, volunteer_id: int | None, role: str = "") -> int | None:
        if volunteer_id is None:
            QMessageBox.warning(self, tr("无法报名"), tr("请先选择志愿者（输入姓名或编号）。"))
            return None
        out: list[int] = []
        if run(self, lambda: out.append(self.services.participation.apply(self.activity_id, volunteer_id, role))):
            self._changed(out[0])
            return out[0]
        return None

    def step(self, key: str, pid: int | None = None, value: object = None) -> bool:
        """One step for the selected participation; ``value`` answers the question the step asks (tests)."""
        pid = pid or self.selected()
        if pid is None:
            return False
        p = self.services.participation
        if key == "history":
            from policeroom.ui.widgets.history import HistoryDialog

            HistoryDialog(tr("参加记录"), self.services.history(KIND, pid), self).exec()
            return True
        if key in ("sign_in", "sign_out"):
            at = value if isinstance(value, datetime) else None
            ok = run(self, getattr(p, key), pid, at)
        elif key == "record":
            minutes = value
            if minutes is None:
                rows = [r for r in self.services.participation.rows(self.activity_id) if r.id == pid]
                if rows and rows[0].signed_out_at is not None:
                    minutes = rows[0].actual_minutes
                else:
                    n, accepted = QInputDialog.getInt(self, tr("登记时长"), tr("实际服务时长（分钟）"),
                                                      self.row.length_minutes, 1, 1440)  # fmt: skip
                    if not accepted:
                        return False
                    minutes = n
            ok = run(self, p.record_minutes, pid, minutes)
        elif key == "void":
            reason = value
            if reason is None:
                reason, accepted = ask_text(self, tr("作废参加记录"), tr("作废原因"))
                if not accepted:
                    return False
            ok = run(self, p.void, pid, reason)
        else:
            ok = run(self, {"accept": p.accept, "reject": p.reject, "confirm": p.confirm, "absent": p.absent}[key], pid)
        if ok:
            self._changed(pid)
        return ok

    def set_status(self, status: ActivityStatus, reason: str | None = None) -> bool:
        if status is ActivityStatus.cancelled and reason is None:
            reason, accepted = ask_text(self, tr("取消活动"), tr("取消原因（未确认的参加记录将一并作废）"))
            if not accepted:
                return False
        elif status is ActivityStatus.finished and reason is None:
            if not confirm(self, tr("结束活动"), tr("结束后不能再报名和修改活动，确定结束？"), tr("结束活动")):
                return False
        ok = run(self, self.services.activities.set_status, self.activity_id, status, reason or "")
        if ok:
            self.bus.notify("activity", self.activity_id)
            self.refresh()
        return ok

    def edit(self) -> None:
        dlg = ActivityDialog(self.services, self.activity_id, self)
        dlg.exec()
        if dlg.saved_id:
            self.bus.notify("activity", self.activity_id)
            self.refresh()

    def sheet_pdf(self) -> bytes:
        from policeroom.reports.activities.papers import signin_sheet_pdf

        taken = [(r.volunteer_number, r.volunteer_name, r.role) for r in self.services.participation.rows(self.activity_id)
                 if r.status not in ("rejected", "voided")]  # fmt: skip
        return signin_sheet_pdf(self.row, taken, self.services.settings.get().room_name)

    def print_sheet(self) -> None:
        from policeroom.ui.widgets.pdf_preview import show_pdf

        show_pdf(self, self.sheet_pdf(), f"签到表-{self.row.number}.pdf")
