"""活动 tab: the activity register (新建、编辑、开始、结束、取消) and, per activity, its participations."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from policeroom.models import ACTIVITY_STATUS_LABELS
from policeroom.services.activities.types import ActivityRow
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.ui.activities.common import hours
from policeroom.ui.activities.detail import ActivityDetailDialog
from policeroom.ui.activities.form import ActivityDialog
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import fmt_dt
from policeroom.ui.widgets.forms import tr
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
        self.resize_columns([110, 130, 100, 200, 150, 70, 50, 60, 125, 60])
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
        ActivityDetailDialog(self.services, self.bus, activity_id, self).exec()
        self.reload(select_id=activity_id)
