"""请假与意愿 tab: leave, rest days owed and training (请假、调休、培训) and shift preferences (想上 / 尽量不上)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from policeroom.models.roster import Absence, ShiftPreference
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.core.dates import month_day
from policeroom.services.registry import Services
from policeroom.services.roster.config import AbsenceRow, PreferenceRow
from policeroom.services.roster.types import ABSENCE_LABELS, WEEKDAYS
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.roster.common import (
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
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select
from policeroom.ui.widgets.table import Column


class AbsenceDialog(RecordDialog):
    """登记 / 修改 a leave: who, kind, from, to, note."""

    limits_from = Absence  # text fields show the limits the service enforces

    def __init__(self, services: Services, row: AbsenceRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("修改请假调休") if row else tr("登记请假调休"), parent)
        self.services = services
        self.row = row
        self.member = self.add_field(tr("人员"), "member", member_combo(services, only_self=True))
        self.kind = QComboBox()
        for key, label in ABSENCE_LABELS.items():
            self.kind.addItem(label, key)
        self.add_field(tr("类型"), "kind", self.kind)
        self.start = self.add_field(tr("开始日期"), "start", date_edit())
        self.end = self.add_field(tr("结束日期"), "end", date_edit())
        self.note = self.add_field(tr("备注"), "note", QLineEdit())
        self.note.setPlaceholderText(tr("例如：事假、区里培训"))
        self.saved_id: int | None = None
        if row is not None:
            combo_select(self.member, row.member_id)
            combo_select(self.kind, row.kind)
            set_date(self.start, row.start)
            set_date(self.end, row.end)
            self.note.setText(row.note)

    def submit(self) -> None:
        cfg = self.services.roster.config
        args = (self.member.currentData(), self.kind.currentData(), date_of(self.start), date_of(self.end),
                self.note.text())
        if self.row is None:
            self.saved_id = cfg.add_absence(*args)
        else:
            cfg.update_absence(self.row.id, *args)
            self.saved_id = self.row.id


class PreferenceDialog(RecordDialog):
    """An 排班意愿: who, wants or avoids, which shift, on a weekday or a date."""

    limits_from = ShiftPreference  # text fields show the limits the service enforces

    def __init__(self, services: Services, row: PreferenceRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("修改排班意愿") if row else tr("添加排班意愿"), parent)
        self.services = services
        self.row = row
        self.member = self.add_field(tr("人员"), "member", member_combo(services, only_self=True))
        self.wants = QComboBox()
        self.wants.addItem(tr("尽量不上"), False)
        self.wants.addItem(tr("想上"), True)
        self.add_field(tr("意愿"), "wants", self.wants)
        self.shift = QComboBox()
        self.shift.addItem(tr("任何班次"), None)
        for s in services.roster.config.shifts():
            self.shift.addItem(f"{s.name}（{s.times}）", s.id)
        self.add_field(tr("班次"), "shift", self.shift)
        self.weekday = QComboBox()
        self.weekday.addItem(tr("不限"), None)
        for i, w in enumerate(WEEKDAYS):
            self.weekday.addItem(tr("每周{w}").format(w=w), i)
        self.add_field(tr("星期"), "weekday", self.weekday)
        self.day = self.add_field(tr("日期"), "day", OptionalDateEdit())
        self.note = self.add_field(tr("备注"), "note", QLineEdit())
        self.note.setPlaceholderText(tr("例如：周六要接孩子"))
        self.saved_id: int | None = None
        if row is not None:
            combo_select(self.member, row.member_id)
            combo_select(self.wants, row.wants)
            combo_select(self.shift, row.shift_id)
            combo_select(self.weekday, row.weekday)
            self.day.set_value(row.day)
            self.note.setText(row.note)

    def submit(self) -> None:
        cfg = self.services.roster.config
        args = (self.member.currentData(), bool(self.wants.currentData()), self.shift.currentData(),
                self.weekday.currentData(), self.day.value(), self.note.text())
        if self.row is None:
            self.saved_id = cfg.add_preference(*args)
        else:
            cfg.update_preference(self.row.id, *args)
            self.saved_id = self.row.id


class AvailabilityPanel(QWidget):
    """Two lists: 请假调休培训 (with a period filter) above, 排班意愿 below; each with 登记 / 修改 / 删除."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        can_delete = services.actor.can(Perm.edit_roster)
        self.who = member_combo(services, blank=tr("全部人员"))
        self.who.currentIndexChanged.connect(lambda _i: self.refresh())
        self.current_only = QCheckBox(tr("只看今天及以后"))
        self.current_only.setChecked(True)
        self.current_only.toggled.connect(lambda _b: self.refresh())
        self.absences = list_model([
            Column(tr("人员"), lambda r: r.member),
            Column(tr("类型"), lambda r: r.kind_label),
            Column(tr("开始"), lambda r: f"{r.start:%Y-%m-%d}"),
            Column(tr("结束"), lambda r: f"{r.end:%Y-%m-%d}"),
            Column(tr("天数"), lambda r: r.days, align_right=True),
            Column(tr("备注"), lambda r: r.note),
        ], self._absence_rows)
        self.absence_table = table_for(self.absences, self.edit_absence)
        self.prefs = list_model([
            Column(tr("人员"), lambda r: r.member),
            Column(tr("意愿"), lambda r: r.text),
            Column(tr("时间"), lambda r: r.when),
            Column(tr("备注"), lambda r: r.note),
        ], self._pref_rows)
        self.pref_table = table_for(self.prefs, self.edit_preference)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.addWidget(title(tr("请假、调休、培训（登记后自动排班不会排这些日子）")))
        tl.addLayout(button_bar(
            button("登记…", self.add_absence), button("修改…", self.edit_absence),
            button("删除", self.delete_absence, can_delete), self.current_only))
        tl.addWidget(self.absence_table)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.addWidget(title(tr("排班意愿（不增加缺额时尽量照顾）")))
        bl.addLayout(button_bar(button("添加…", self.add_preference), button("修改…", self.edit_preference),
                                button("删除", self.delete_preference, can_delete)))
        bl.addWidget(self.pref_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        lay = QVBoxLayout(self)
        lay.addLayout(button_bar(QLabel(tr("人员")), self.who))
        lay.addWidget(split, 1)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind in ("roster", "team_member") else None)
        self.refresh()

    def _absence_rows(self) -> list[AbsenceRow]:
        start = clock.today() if self.current_only.isChecked() else None
        who = self.who.currentData()
        return [r for r in self.services.roster.config.absences(start) if who is None or r.member_id == who]

    def _pref_rows(self) -> list[PreferenceRow]:
        who = self.who.currentData()
        return [r for r in self.services.roster.config.preference_rows() if who is None or r.member_id == who]

    def refresh(self) -> None:
        self.absences.reload()
        self.prefs.reload()

    def _open(self, dialog: RecordDialog) -> None:
        if dialog.exec():
            self.bus.notify("roster")

    def add_absence(self) -> None:
        self._open(AbsenceDialog(self.services, None, self))

    def edit_absence(self) -> None:
        row = selected(self.absence_table)
        if row is not None:
            self._open(AbsenceDialog(self.services, row, self))

    def delete_absence(self) -> None:
        row = selected(self.absence_table)
        if row is None or not confirm(self, "删除", f"删除{row.member}{month_day(row.start)}起的{row.kind_label}登记？"):
            return
        if attempt(self, "无法删除", lambda: self.services.roster.config.delete_absence(row.id)):
            self.bus.notify("roster")

    def add_preference(self) -> None:
        self._open(PreferenceDialog(self.services, None, self))

    def edit_preference(self) -> None:
        row = selected(self.pref_table)
        if row is not None:
            self._open(PreferenceDialog(self.services, row, self))

    def delete_preference(self) -> None:
        row = selected(self.pref_table)
        if row is None or not confirm(self, "删除", f"删除{row.member}的意愿“{row.text}（{row.when}）”？"):
            return
        if attempt(self, "无法删除", lambda: self.services.roster.config.delete_preference(row.id)):
            self.bus.notify("roster")
