"""活动 tab: the activity register (新建、编辑、开始、结束、取消) and, per activity, its participations."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QWidget

from policeroom.models import ACTIVITY_STATUS_LABELS, Activity
from policeroom.services.activities.types import ActivityInput, ActivityRow
from policeroom.services.core import clock
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.ui.activities.common import hours
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import DateTimeEdit, fmt_dt
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "activity"


def activity_columns() -> list[Column[ActivityRow]]:
    return [
        Column(tr("活动编号"), lambda r: r.number),
        Column(tr("开始时间"), lambda r: fmt_dt(r.starts_at), export=lambda r: r.starts_at),
        Column(tr("活动类型"), lambda r: r.kind),
        Column(tr("活动名称"), lambda r: r.title + ("（有风险）" if r.risky else ""), tooltip=lambda r: r.notes or r.title),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("组织人"), lambda r: r.organiser),
        Column(tr("参加"), lambda r: r.signed_up, align_right=True),
        Column(tr("待确认"), lambda r: r.waiting or "", align_right=True),
        Column(tr("确认时长（小时）"), lambda r: hours(r.confirmed_minutes) if r.confirmed_minutes else "", align_right=True),
        Column(tr("状态"), lambda r: r.status_label),
    ]


class ActivityDialog(RecordDialog):
    """新建/编辑活动."""

    limits_from = Activity

    def __init__(self, services: Services, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑活动") if record_id else tr("新建活动"), parent)
        self.services, self.record_id, self.saved_id = services, record_id, None
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


class ActivitiesTab(ListPage):
    """The activity list; 打开活动 shows its participations (报名 … 确认时长) and the 签到表."""

    kind = KIND
    noun = "活动"
    dialog_class = ActivityDialog
    export_name = "志愿服务活动台账"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        model = ListTableModel(activity_columns(), self._load)
        super().__init__(model, tr("搜索活动名称、编号或地点"), services, bus, parent)
        self.delete_button.hide()  # an activity is cancelled, not deleted
        self.open_button = QPushButton(tr("打开活动"))
        self.open_button.setToolTip(tr("报名、录用、签到签退、登记和确认时长，打印签到表（双击或回车）"))
        self.layout().itemAt(0).layout().insertWidget(2, self.open_button)
        self.open_button.clicked.connect(self.open_selected)
        self.settings_button = QPushButton(tr("活动设置"))
        self.settings_button.setToolTip(tr("活动类型、积分换算和兑换频次"))
        self.settings_button.setVisible(services.actor.can(Perm.edit_settings))
        self.settings_button.clicked.connect(self.edit_settings)
        self.layout().itemAt(0).layout().insertWidget(4, self.settings_button)
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        for status, label in ACTIVITY_STATUS_LABELS.items():
            self.status_filter.addItem(label, status.value)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(tr("全部类型"), None)
        for k in services.activities.kinds():
            self.kind_filter.addItem(k, k)
        self.add_filter_row(self.status_filter, self.kind_filter)
        self.table.doubleClicked.disconnect()
        self.table.activated.disconnect()
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.resize_columns([110, 130, 90, 200, 150, 70, 50, 60, 110, 60])
        self.export_full.setVisible(False)  # no ID numbers or phones in this list
        bus.changed.connect(lambda kind, _ids: self.reload() if kind in (KIND, "participation") else None)
        self.reload()

    def _load(self, sort: str | None, descending: bool) -> list[ActivityRow]:
        if not hasattr(self, "kind_filter"):
            return []
        return self.services.activities.rows(
            self.query, status=self.status_filter.currentData(), kind=self.kind_filter.currentData()
        )

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "open_button"):
            self.open_button.setEnabled(self.selected_id() is not None)

    def row_title(self, row) -> str:  # noqa: ANN001
        return f"{row.number} {row.title}" if row else ""

    def empty_text(self) -> str:
        if self.query or self.status_filter.currentIndex() > 0 or self.kind_filter.currentIndex() > 0:
            return tr("没有符合条件的活动。")
        return tr("还没有志愿服务活动。点击“新建活动”登记一次义巡、宣传或调解活动。")

    def edit_settings(self) -> None:
        from policeroom.ui.activities.settings import ActivitySettingsDialog

        if ActivitySettingsDialog(self.services, self).exec():
            self.bus.notify("setting")
            self.kind_filter.clear()
            self.kind_filter.addItem(tr("全部类型"), None)
            for k in self.services.activities.kinds():
                self.kind_filter.addItem(k, k)

    def open_selected(self) -> None:
        aid = self.selected_id()
        if aid is not None:
            self.open_activity(aid)

    def open_activity(self, activity_id: int) -> None:
        from policeroom.ui.activities.detail import ActivityDetailDialog

        ActivityDetailDialog(self.services, self.bus, activity_id, self).exec()
        self.reload(select_id=activity_id)
