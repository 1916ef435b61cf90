"""上报网格事件 / 修改登记: the event form with every field validated beside it, and photos."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import EVENT_SOURCE_LABELS, URGENCY_LABELS, EventSource, GridEvent, Urgency
from policeroom.services.gridwork.types import EventInput, PhotoInput
from policeroom.services.registry import Services
from policeroom.ui.requests.common import DateTimeEdit, member_combo, minute_now
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


class PhotoList(QWidget):
    """Photos chosen for a new event (kept in the database when it is saved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos: list[PhotoInput] = []
        self.list = QListWidget()
        self.list.setFixedHeight(56)
        add = QPushButton(tr("添加照片…"))
        remove = QPushButton(tr("移除"))
        add.clicked.connect(self.choose)
        remove.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)

    def choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, tr("选择照片"), "", tr("图片 (*.jpg *.jpeg *.png *.gif *.bmp)")
        )
        for name in files:
            self.add(PhotoInput(Path(name).name, Path(name).read_bytes()))

    def add(self, photo: PhotoInput) -> None:
        self.photos.append(photo)
        self.list.addItem(f"{photo.file_name}（{len(photo.data) // 1024 + 1} KB）")

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            del self.photos[row]


class EventDialog(RecordDialog):
    """A grid event's registration; ``draft`` pre-fills it (from a request or a failed inspection item)."""

    limits_from = GridEvent

    def __init__(self, services: Services, event_id: int | None, parent: QWidget | None = None,
                 draft: EventInput | None = None) -> None:  # fmt: skip
        super().__init__(tr("上报网格事件") if event_id is None else tr("修改网格事件登记"), parent)
        self.services, self.event_id, self.draft = services, event_id, draft
        self.saved_id: int | None = None
        self.source = QComboBox()
        for source, label in EVENT_SOURCE_LABELS.items():
            self.source.addItem(label, source.value)
        self.add_field(tr("来源"), "source", self.source)
        self.category = QComboBox()
        self.category.addItem(tr("请选择"), None)
        for cid, name in services.grid_events.categories():
            self.category.addItem(name, cid)
        self.add_field(tr("类别"), "category_id", self.category)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #555555;")
        self.form.addRow("", self.rule)
        self.grid = QComboBox()
        self.grid.addItem(tr("请选择"), None)
        for g in services.grids.list():
            if not services.actor.limited_to_grids or g.id in services.actor.grid_ids:
                self.grid.addItem(f"{g.code} {g.name}", g.id)
        self.add_field(tr("网格"), "grid_id", self.grid)
        self.place = QComboBox()
        self.add_field(tr("场所"), "place_id", self.place)
        self.location = self.add_field(tr("地点"), "location", QLineEdit())
        self.location.setPlaceholderText(tr("例如 3号楼2单元楼道"))
        self.found_at = self.add_field(tr("发现时间"), "found_at", DateTimeEdit(minute_now()))
        self.urgency = QComboBox()
        for urgency, label in URGENCY_LABELS.items():
            self.urgency.addItem(label, urgency.value)
        self.add_field(tr("紧急程度"), "urgency", self.urgency)
        self.add_column()
        self.reporter = member_combo(services, services.actor.member_id, empty=tr("居民或其他人（填写姓名）"))
        self.add_field(tr("上报人"), "reporter_id", self.reporter)
        self.reporter_name = self.add_field(tr("上报人姓名"), "reporter_name", QLineEdit())
        self.reporter_phone = self.add_field(tr("上报人电话"), "reporter_phone", QLineEdit())
        self.description = self.add_field(tr("描述"), "description", QPlainTextEdit(), limit=2000)
        self.description.setFixedHeight(110)
        self.photos = PhotoList()
        if event_id is None:
            self.add_field(tr("照片"), "photos", self.photos)
        self.category.currentIndexChanged.connect(self._show_rule)
        self.grid.currentIndexChanged.connect(self._fill_places)
        self.reporter.currentIndexChanged.connect(self._reporter_changed)
        if event_id is not None:
            d = services.grid_events.get(event_id)
            self.enable_history(d.number, lambda: services.history("grid_event", event_id))
            self._show(EventInput(d.source, d.category_id, d.grid_id, d.found_at, d.description, d.urgency,
                                  d.place_id, d.location, d.reporter_id, "" if d.reporter_id else d.reporter,
                                  d.reporter_phone))  # fmt: skip
        elif draft is not None:
            self._show(draft)
        else:
            if self.grid.count() == 2:
                self.grid.setCurrentIndex(1)
            self._fill_places()
        self._reporter_changed()
        self._show_rule()
        self.setMinimumWidth(900)

    def _show(self, d: EventInput) -> None:
        combo_select(self.source, EventSource(d.source).value)
        combo_select(self.category, d.category_id)
        combo_select(self.grid, d.grid_id)
        self._fill_places()
        combo_select(self.place, d.place_id)
        self.location.setText(d.location)
        self.found_at.set_value(d.found_at)
        combo_select(self.urgency, Urgency(d.urgency).value)
        combo_select(self.reporter, d.reporter_id)
        self.reporter_name.setText(d.reporter_name)
        self.reporter_phone.setText(d.reporter_phone)
        self.description.setPlainText(d.description)

    def _fill_places(self) -> None:
        current = self.place.currentData()
        self.place.clear()
        self.place.addItem(tr("无（不在登记的场所）"), None)
        grid_id = self.grid.currentData()
        if grid_id is not None:
            for pid, name in self.services.grid_events.places_of(grid_id):
                self.place.addItem(name, pid)
        combo_select(self.place, current)

    def _show_rule(self) -> None:
        cid = self.category.currentData()
        rows = {c.id: c for c in self.services.event_categories.list()}
        c = rows.get(cid)
        self.rule.setText(tr("立案条件：{a}").format(a=c.admit_rule) if c and c.admit_rule else "")

    def _reporter_changed(self) -> None:
        resident = self.reporter.currentData() is None
        self.reporter_name.setEnabled(resident)
        if not resident:
            self.reporter_name.clear()

    def data(self) -> EventInput:
        d = self.draft
        return EventInput(
            source=EventSource(self.source.currentData()), category_id=self.category.currentData(),
            grid_id=self.grid.currentData(), found_at=self.found_at.value(),
            description=self.description.toPlainText(), urgency=Urgency(self.urgency.currentData()),
            place_id=self.place.currentData(), location=self.location.text(), reporter_id=self.reporter.currentData(),
            reporter_name=self.reporter_name.text(), reporter_phone=self.reporter_phone.text(),
            request_id=d.request_id if d else None, tip_ref=d.tip_ref if d else "",
        )  # fmt: skip

    def submit(self) -> None:
        if self.event_id is None:
            self.saved_id = self.services.grid_events.create(self.data(), list(self.photos.photos))
        else:
            self.services.grid_events.update(self.event_id, self.data())
            self.saved_id = self.event_id
