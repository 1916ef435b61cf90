"""新建/编辑活动: the activity form."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from policeroom.models import Activity
from policeroom.services.activities.types import ActivityInput, ActivityRow
from policeroom.services.core import clock
from policeroom.services.registry import Services
from policeroom.ui.requests.common import DateTimeEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr

KIND = "activity"


class ActivityDialog(RecordDialog):
    """新建/编辑活动."""

    limits_from = Activity

    def __init__(self, services: Services, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑活动") if record_id else tr("新建活动"), parent)
        self.services, self.record_id, self.saved_id = services, record_id, None
        self.setMinimumWidth(560)
        self.kind = QComboBox()
        for k in services.activities.kinds():
            self.kind.addItem(k, k)
        self.title_edit = QLineEdit()
        self.organiser = QComboBox()
        self.organiser.addItem(tr("请选择…"), None)
        for mid, name in services.activities.organisers():
            self.organiser.addItem(name, mid)
        self.place = QLineEdit()
        self.grid = QComboBox()
        self.grid.addItem(tr("（不限网格）"), None)
        for g in services.grids.list():
            if not services.actor.limited_to_grids or g.id in services.actor.grid_ids:
                self.grid.addItem(f"{g.code} {g.name}", g.id)
        start = clock.now_minute().replace(minute=0)
        self.starts = DateTimeEdit(start)
        self.ends = DateTimeEdit(start.replace(hour=min(start.hour + 2, 23)))
        self.needs = QLineEdit()
        self.needs.setPlaceholderText(tr("岗位:人数，例如 治安员:3;宣传员:2（可不填）"))
        self.risky = QCheckBox(tr("有风险（只安排已投保的志愿者）"))
        self.cap = QSpinBox()
        self.cap.setRange(0, 1440)
        self.cap.setSuffix(tr(" 分钟"))
        self.cap.setSpecialValueText(tr("不设（按活动时长）"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.add_field(tr("活动类型"), "kind", self.kind)
        self.add_field(tr("活动名称"), "title", self.title_edit)
        self.add_field(tr("组织人"), "organiser_id", self.organiser)
        self.add_field(tr("地点"), "place", self.place)
        self.add_field(tr("网格"), "grid_id", self.grid)
        self.add_field(tr("开始时间"), "starts_at", self.starts)
        self.add_field(tr("结束时间"), "ends_at", self.ends)
        self.add_field(tr("需要人员"), "needs", self.needs)
        self.add_field(tr("计时上限"), "cap_minutes", self.cap)
        self.add_field("", "risky", self.risky)
        self.add_field(tr("说明"), "notes", self.notes, limit=2000)
        if record_id:
            self._load(services.activities.get(record_id))
        elif services.actor.member_id:
            combo_select(self.organiser, services.actor.member_id)
            if services.actor.limited_to_grids and self.grid.count() > 1:
                self.grid.setCurrentIndex(1)

    def _load(self, r: ActivityRow) -> None:
        combo_select(self.kind, r.kind)
        self.title_edit.setText(r.title)
        combo_select(self.organiser, r.organiser_id)
        self.place.setText(r.place)
        combo_select(self.grid, r.grid_id)
        self.starts.set_value(r.starts_at)
        self.ends.set_value(r.ends_at)
        self.needs.setText(r.needs)
        self.risky.setChecked(r.risky)
        self.cap.setValue(r.cap_minutes or 0)
        self.notes.setPlainText(r.notes)
        self.enable_history(r.title, lambda: self.services.history(KIND, r.id))

    def data(self) -> ActivityInput:
        return ActivityInput(
            kind=self.kind.currentData() or "", title=self.title_edit.text(), organiser_id=self.organiser.currentData(),
            place=self.place.text(), grid_id=self.grid.currentData(), starts_at=self.starts.value(),
            ends_at=self.ends.value(), needs=self.needs.text(), risky=self.risky.isChecked(),
            cap_minutes=self.cap.value() or None, notes=self.notes.toPlainText(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.record_id:
            self.services.activities.update(self.record_id, self.data())
            self.saved_id = self.record_id
        else:
            self.saved_id = self.services.activities.create(self.data())
