"""网格事件 register: search, filters, sorting, lights, Excel export; a row opens its detail to act on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QPushButton, QWidget

from policeroom.models import EVENT_SOURCE_LABELS, EVENT_STATUS_LABELS, URGENCY_LABELS, EventStatus
from policeroom.services.gridwork.kind import OPEN_STATUSES
from policeroom.services.gridwork.types import EventFilter, EventRow
from policeroom.services.loop.lights import LIGHT_LABELS, Light
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import fmt_short
from policeroom.ui.requests.model import row_colour_delegate
from policeroom.ui.widgets.forms import combo_select, fit_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, IdWindowModel

KIND = "grid_event"
OPEN = "open"
LIGHT_COLOURS = {
    Light.green: "#e8f5e9",
    Light.yellow: "#fff3cd",
    Light.red: "#f8d7da",
    Light.parked: "#eeeeee",
}


def _due(r: EventRow) -> str:
    if r.light == Light.parked:
        return tr("挂账（停止计时）")
    if r.due is None:
        return ""
    mark = {Light.red: tr("超期"), Light.yellow: tr("临期")}.get(r.light)
    return f"{fmt_short(r.due)} {mark}" if mark else fmt_short(r.due)


def event_columns() -> list[Column[EventRow]]:
    return [
        Column(tr("编号"), lambda r: r.number, "number"),
        Column(tr("发现时间"), lambda r: fmt_short(r.found_at), "found_at", export=lambda r: r.found_at),
        Column(tr("类别"), lambda r: r.category, "category"),
        Column(tr("网格"), lambda r: r.grid, "grid"),
        Column(tr("地点/场所"), lambda r: r.place or r.location, tooltip=lambda r: r.description),
        Column(tr("上报人"), lambda r: r.reporter),
        Column(tr("来源"), lambda r: r.source, "source"),
        Column(tr("紧急"), lambda r: r.urgency, "urgency"),
        Column(
            tr("状态"),
            lambda r: tr("自行处置") if r.self_handled else r.status_label,
            "status",
            tooltip=lambda r: tr("网格员现场自行处置，已结案") if r.self_handled else "",
        ),  # fmt: skip
        Column(tr("处置人"), lambda r: r.handler, "handler"),
        Column(
            tr("本环节期限"),
            _due,
            "due",
            tooltip=lambda r: LIGHT_LABELS.get(r.light, ""),
            export=lambda r: r.due,
        ),  # fmt: skip
        Column(tr("描述"), lambda r: r.description),
    ]


DUE_COLUMN = 10


class EventModel(IdWindowModel[EventRow]):
    """The ordered ids of the filter; rows a page at a time; the light colours the 期限 cell and the row."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            row = self.row_at(index.row())
            if row is None:
                return None
            if index.column() == DUE_COLUMN or row.light == Light.red:
                colour = LIGHT_COLOURS.get(row.light)
                return QBrush(QColor(colour)) if colour else None
            return None
        return super().data(index, role)


class EventsPage(ListPage):
    """网格事件: 上报 (new), 查看办理 (detail), filters by status, category, grid, source; overdue only."""

    kind = KIND
    noun = "网格事件"
    export_name = "网格事件列表"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        self.ready = False  # the base class sorts (loads) before the filters below exist
        model = EventModel(event_columns(), self._ids, services.grid_events.rows)
        super().__init__(model, tr("搜索编号、描述、地点、场所、上报人、处置人、类别"), services, bus, parent)
        self.new_button.setText(tr("上报事件"))
        self.edit_button.setText(tr("查看办理"))
        self.delete_button.hide()  # an event is never deleted: 不立案 with a reason
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        self.status_filter.addItem(tr("未办结"), OPEN)
        for status, label in EVENT_STATUS_LABELS.items():
            self.status_filter.addItem(label, status.value)
        self.category_filter = QComboBox()
        self.category_filter.addItem(tr("全部类别"), None)
        for cid, name in services.grid_events.categories(include_archived=True):
            self.category_filter.addItem(name, cid)
        self.grid_filter = QComboBox()
        self.grid_filter.addItem(tr("全部网格"), None)
        for g in services.grids.list():
            if not services.actor.limited_to_grids or g.id in services.actor.grid_ids:
                self.grid_filter.addItem(f"{g.code} {g.name}", g.id)
        self.source_filter = QComboBox()
        self.source_filter.addItem(tr("全部来源"), None)
        for source, label in EVENT_SOURCE_LABELS.items():
            self.source_filter.addItem(label, source.value)
        self.urgency_filter = QComboBox()
        self.urgency_filter.addItem(tr("全部紧急程度"), None)
        for urgency, label in URGENCY_LABELS.items():
            self.urgency_filter.addItem(label, urgency.value)
        self.overdue_only = QCheckBox(tr("只看超期"))
        self.parked_only = QCheckBox(tr("只看挂账"))
        self.self_handled_only = QCheckBox(tr("只看自行处置"))
        self.clear_button = QPushButton(tr("清除筛选"))
        row = QHBoxLayout()
        for w in (
            self.status_filter,
            self.category_filter,
            self.grid_filter,
            self.source_filter,
            self.urgency_filter,
        ):
            fit_combo(w, extra=48)
            w.currentIndexChanged.connect(lambda _i: self.reload())
            row.addWidget(w)
        for box in (self.overdue_only, self.parked_only, self.self_handled_only):
            box.toggled.connect(lambda _c: self.reload())
            row.addWidget(box)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.layout().insertLayout(1, row)
        self.clear_button.clicked.connect(self.clear_filters)
        self.ids_only: tuple[int, ...] | None = None
        self.ready = True
        bus.changed.connect(self._on_changed)
        model.sort_key, model.descending = "number", True
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setItemDelegate(row_colour_delegate(self.table))
        self.reload()
        self.resize_columns([118, 96, 72, 96, 110, 92, 86, 44, 70, 64, 128, 160])
        # the description takes the rest of the width (its whole text is in the tooltip of 地点/场所)
        self.table.horizontalHeader().setSectionResizeMode(
            len(self.model.columns) - 1, QHeaderView.ResizeMode.Stretch
        )

    # -- filters ------------------------------------------------------------------------------
    def current_filter(self) -> EventFilter:
        status = self.status_filter.currentData()
        statuses = OPEN_STATUSES if status == OPEN else ((EventStatus(status),) if status else ())
        return EventFilter(
            query=self.query, statuses=statuses, category_id=self.category_filter.currentData(),
            grid_id=self.grid_filter.currentData(), source=self.source_filter.currentData(),
            urgency=self.urgency_filter.currentData(), overdue_only=self.overdue_only.isChecked(),
            parked_only=self.parked_only.isChecked(), self_handled_only=self.self_handled_only.isChecked(),
            ids=self.ids_only,
        )  # fmt: skip

    def _ids(self, sort: str | None, descending: bool) -> list[int]:
        if not self.ready:
            return []
        return self.services.grid_events.search_ids(self.current_filter(), sort, descending)

    def clear_filters(self) -> None:
        for w in (
            self.status_filter,
            self.category_filter,
            self.grid_filter,
            self.source_filter,
            self.urgency_filter,
        ):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        for box in (self.overdue_only, self.parked_only, self.self_handled_only):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.ids_only = None
        self.reload()

    def apply_preset(self, name: str) -> None:
        """From the 工作台: ``overdue`` or ``open``."""
        self.clear_filters()
        if name == "overdue":
            self.overdue_only.setChecked(True)
        elif name == "open":
            combo_select(self.status_filter, OPEN)

    def empty_text(self) -> str:
        if self.query or self.status_filter.currentIndex() > 0 or self.overdue_only.isChecked():
            return tr("没有符合条件的网格事件。")
        return tr("还没有网格事件。网格员巡查发现问题后，点击“上报事件”登记。")

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind in (KIND, "loop_event"):
            self.reload()

    # -- records --------------------------------------------------------------------------------
    def record_service(self):  # noqa: ANN201
        return self.services.grid_events

    def open_dialog(self, record_id: int | None) -> int | None:
        if record_id is None:
            from policeroom.ui.gridwork.event_form import EventDialog

            dlg = EventDialog(self.services, None, self)
            dlg.exec()
            if dlg.saved_id is not None:
                self.bus.notify(KIND, dlg.saved_id)
            return dlg.saved_id
        self.open_event(record_id)
        return record_id

    def open_event(self, event_id: int) -> None:
        from policeroom.ui.gridwork.event_detail import EventDetailDialog

        dlg = EventDetailDialog(self.services, self.bus, event_id, self)
        dlg.exec()
        self.reload(select_id=event_id)
