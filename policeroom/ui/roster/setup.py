"""排班设置 tab: shift types (班次: times, post, hours), requirements (排班要求), the ready templates (三班倒);
the rules and the hand-entered holidays are in :mod:`setup_calendar`."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from policeroom.models.roster import ShiftType
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.services.roster.setup import TEMPLATES, NeedInput, NeedRow, ShiftInput
from policeroom.services.roster.types import (
    DAYS_LABELS,
    NEED_KIND_LABELS,
    POST_LABELS,
    ROLE_LABELS,
    ROSTER_ROLES,
    NeedKind,
    Post,
    Shift,
)
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.common import (
    NOTE_STYLE,
    attempt,
    button,
    button_bar,
    confirm,
    list_model,
    selected,
    table_for,
)
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, combo_select
from policeroom.ui.widgets.table import Column


def _qtime(t) -> QTime:  # noqa: ANN001
    return QTime(t.hour, t.minute)


def _pytime(edit: QTimeEdit):  # noqa: ANN202
    from datetime import time

    q = edit.time()
    return time(q.hour(), q.minute())


class ShiftDialog(RecordDialog):
    """A shift type: 简称, 名称, 岗位, 开始, 结束 (at or before the start: the next day), 夜班, roles, colour."""

    limits_from = ShiftType  # text fields show the limits the service enforces

    def __init__(self, services: Services, shift: Shift | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("修改班次") if shift else tr("新增班次"), parent)
        self.services = services
        self.shift = shift
        self.code = self.add_field(tr("简称"), "code", QLineEdit())
        self.code.setMaxLength(2)
        self.code.setPlaceholderText(tr("1个字，印在排班表格子里"))
        self.name = self.add_field(tr("班次名称"), "name", QLineEdit())
        self.post = QComboBox()
        for p in Post:
            self.post.addItem(POST_LABELS[p], p.value)
        self.add_field(tr("岗位"), "post", self.post)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for t in (self.start, self.end):
            t.setDisplayFormat("HH:mm")
        self.add_field(tr("开始时间"), "start", self.start)
        self.add_field(tr("结束时间"), "end", self.end)
        self.hours = QLabel()
        self.form.addRow("", self.hours)
        self.night = QCheckBox(tr("夜班（计入夜班次数，次日不接白班）"))
        self.form.addRow("", self.night)
        self.roles = CheckList()
        self.roles.set_items([(r, ROLE_LABELS[r]) for r in ROSTER_ROLES], ROSTER_ROLES)
        self.add_field(tr("可上此班"), "roles", self.roles)
        self.color = self.add_field(tr("颜色"), "color", QLineEdit("#e3f2fd"))
        self.saved_id: int | None = None
        if shift is not None:
            self.code.setText(shift.code)
            self.name.setText(shift.name)
            combo_select(self.post, shift.post.value)
            self.start.setTime(_qtime(shift.start))
            self.end.setTime(_qtime(shift.end))
            self.night.setChecked(shift.night)
            self.roles.set_checked(shift.roles)
            self.color.setText(shift.color)
        else:
            self.start.setTime(QTime(8, 30))
            self.end.setTime(QTime(17, 30))
        for t in (self.start, self.end):
            t.timeChanged.connect(lambda _t: self._hours())
        self._hours()

    def _hours(self) -> None:
        a, b = self.start.time(), self.end.time()
        minutes = (b.hour() * 60 + b.minute()) - (a.hour() * 60 + a.minute())
        nxt = minutes <= 0
        minutes += 1440 if nxt else 0
        h, m = divmod(minutes, 60)
        self.hours.setText(tr("时长 {h} 小时{m}{n}").format(h=h, m=f"{m}分" if m else "", n="（跨到次日）" if nxt else ""))

    def value(self) -> ShiftInput:
        return ShiftInput(self.code.text(), self.name.text(), self.post.currentData(), _pytime(self.start),
                          _pytime(self.end), self.night.isChecked(), self.roles.checked_ids(), self.color.text().strip())

    def submit(self) -> None:
        setup = self.services.roster.setup
        if self.shift is None:
            self.saved_id = setup.create_shift(self.value())
        else:
            setup.update_shift(self.shift.id, self.value())
            self.saved_id = self.shift.id


class NeedDialog(RecordDialog):
    """A requirement: kind, the shifts that count, at least how many, of which roles, on which days."""

    def __init__(self, services: Services, row: NeedRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("修改排班要求") if row else tr("新增排班要求"), parent)
        self.services = services
        self.row = row
        self.kind = QComboBox()
        for k in NeedKind:
            self.kind.addItem(NEED_KIND_LABELS[k], k.value)
        self.add_field(tr("类型"), "kind", self.kind)
        self.shifts = CheckList()
        self.shifts.set_items([(s.id, f"{s.name}（{s.times}）") for s in services.roster.setup.shifts()])
        self.add_field(tr("班次"), "shift_ids", self.shifts)
        self.count = QSpinBox()
        self.count.setRange(0, 99)
        self.count.setValue(1)
        self.add_field(tr("至少（人 / 每周次数）"), "min_count", self.count)
        self.roles = CheckList()
        self.roles.set_items([(r, ROLE_LABELS[r]) for r in ROSTER_ROLES])
        self.add_field(tr("角色（不选为任何人）"), "roles", self.roles)
        self.days = QComboBox()
        for key, label in DAYS_LABELS.items():
            self.days.addItem(label, key)
        self.add_field(tr("适用日期"), "days", self.days)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #616161;")
        self.form.addRow("", self.hint)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind())
        self.saved_id: int | None = None
        if row is not None:
            n = row.need
            combo_select(self.kind, n.kind.value)
            self.shifts.set_checked(n.shift_ids)
            self.count.setValue(n.min_count)
            self.roles.set_checked(n.roles or ())
            combo_select(self.days, n.days)
        self._kind()

    def _kind(self) -> None:
        kind = self.kind.currentData()
        patrol = kind == NeedKind.grid_patrol.value
        self.roles.setEnabled(not patrol)
        self.days.setEnabled(not patrol)
        self.hint.setText({
            "shift": tr("某个班次每天至少几人，例如“夜间值班每天至少2人（互相照应）”。"),
            "role_daily": tr("每天至少几名某角色的人在这些班次之一，例如“民警每天在岗或备勤”。"),
            "grid_patrol": tr("每个网格每周至少巡防几次，优先由本网格的网格员巡防。"),
        }[kind])

    def value(self) -> NeedInput:
        return NeedInput(self.kind.currentData(), self.shifts.checked_ids(), self.count.value(),
                         self.roles.checked_ids(), self.days.currentData())

    def submit(self) -> None:
        setup = self.services.roster.setup
        if self.row is None:
            self.saved_id = setup.create_need(self.value())
        else:
            setup.update_need(self.row.need.id, self.value())
            self.saved_id = self.row.need.id


class ShiftsAndNeeds(QWidget):
    """班次 and 排班要求 lists, and the template switch."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        can = services.actor.can(Perm.edit_settings)
        self.shifts = list_model([
            Column(tr("简称"), lambda s: s.code),
            Column(tr("班次名称"), lambda s: s.name),
            Column(tr("岗位"), lambda s: s.post.label),
            Column(tr("时间"), lambda s: s.times),
            Column(tr("工时"), lambda s: f"{s.minutes / 60:g}小时" if s.work else "不计"),
            Column(tr("夜班"), lambda s: "是" if s.night else ""),
            Column(tr("可上此班"), lambda s: "、".join(ROLE_LABELS[r] for r in ROSTER_ROLES if r in s.roles)),
        ], services.roster.setup.shifts)
        self.shift_table = table_for(self.shifts, self.edit_shift if can else None)
        self.needs = list_model([
            Column(tr("类型"), lambda r: r.need.kind.label),
            Column(tr("要求"), lambda r: r.label),
        ], services.roster.setup.needs)
        self.need_table = table_for(self.needs, self.edit_need if can else None)
        self.template = QComboBox()
        for key, (label, _s, _n) in TEMPLATES.items():
            self.template.addItem(label, key)
        note = QLabel(tr("只有社区民警可以修改排班设置。"))
        note.setStyleSheet(NOTE_STYLE)
        note.setVisible(not can)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("套用模板：")))
        row.addWidget(self.template)
        row.addWidget(button("应用模板…", self.apply_template, can))
        row.addStretch(1)
        lay.addLayout(row)
        lay.addLayout(button_bar(QLabel(tr("<b>班次</b>")), button("新增…", self.add_shift, can),
                                 button("修改…", self.edit_shift, can), button("停用", self.archive_shift, can)))
        lay.addWidget(self.shift_table, 2)
        lay.addLayout(button_bar(QLabel(tr("<b>排班要求</b>")), button("新增…", self.add_need, can),
                                 button("修改…", self.edit_need, can), button("删除", self.delete_need, can)))
        lay.addWidget(self.need_table, 2)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind == "roster" else None)
        self.refresh()

    def refresh(self) -> None:
        self.shifts.reload()
        self.needs.reload()

    def _open(self, dialog: RecordDialog) -> None:
        if dialog.exec():
            self.bus.notify("roster")

    def add_shift(self) -> None:
        self._open(ShiftDialog(self.services, None, self))

    def edit_shift(self) -> None:
        shift = selected(self.shift_table)
        if shift is not None:
            self._open(ShiftDialog(self.services, shift, self))

    def archive_shift(self) -> None:
        shift = selected(self.shift_table)
        if shift is None or not confirm(self, "停用班次", f"停用“{shift.name}”？已排的这个班次保留在记录里，今后不再排。"):
            return
        if attempt(self, "无法停用", lambda: self.services.roster.setup.archive_shift(shift.id)):
            self.bus.notify("roster")

    def add_need(self) -> None:
        self._open(NeedDialog(self.services, None, self))

    def edit_need(self) -> None:
        row = selected(self.need_table)
        if row is not None:
            self._open(NeedDialog(self.services, row, self))

    def delete_need(self) -> None:
        row = selected(self.need_table)
        if row is None or not confirm(self, "删除排班要求", f"删除要求“{row.label}”？"):
            return
        if attempt(self, "无法删除", lambda: self.services.roster.setup.delete_need(row.need.id)):
            self.bus.notify("roster")

    def apply_template(self, ask: bool = True) -> None:
        key = self.template.currentData()
        label = TEMPLATES[key][0]
        if ask and not confirm(self, "应用模板", f"用“{label}”替换现有的全部班次和排班要求？"
                                              "已排的班保留在记录里；新班次需要重新“一键排班”。"):
            return
        if attempt(self, "无法应用模板", lambda: self.services.roster.setup.apply_template(key)):
            self.bus.notify("roster")


class SetupPanel(QWidget):
    """排班设置: sub-tabs 班次与要求, 规则, 节假日."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from policeroom.ui.roster.setup_calendar import HolidaysPanel, RulesForm

        self.tabs = QTabWidget()
        self.shifts = ShiftsAndNeeds(services, bus)
        self.rules = RulesForm(services, bus)
        self.holidays = HolidaysPanel(services, bus)
        self.tabs.addTab(self.shifts, tr("班次与要求"))
        self.tabs.addTab(self.rules, tr("排班规则"))
        self.tabs.addTab(self.holidays, tr("节假日"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
