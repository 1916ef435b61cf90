"""场所巡查: places in grids (list, add, edit), an inspection ticking the kind's checklist, the place's
inspection records where a failed item becomes a grid event in one click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import Place
from policeroom.services.core.context import Perm
from policeroom.services.gridwork.places import PlaceInput, PlaceRow, TickInput
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import DateTimeEdit, fmt_dt, member_combo, minute_now
from policeroom.ui.widgets.forms import RecordDialog, combo_select, fit_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "place"


def place_columns() -> list[Column[PlaceRow]]:
    return [
        Column(tr("场所名称"), lambda r: r.name),
        Column(tr("类型"), lambda r: r.kind),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("地址"), lambda r: r.address),
        Column(tr("联系人"), lambda r: r.contact),
        Column(tr("联系电话"), lambda r: r.phone),
        Column(
            tr("上次巡查"), lambda r: f"{r.last_inspected:%Y-%m-%d}" if r.last_inspected else tr("未巡查")
        ),
        Column(tr("下次应巡查"), lambda r: f"{r.next_due:%Y-%m-%d}" if r.next_due else ""),
        Column(tr("备注"), lambda r: r.notes),
    ]


class PlaceDialog(RecordDialog):
    limits_from = Place

    def __init__(self, services: Services, place_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建场所") if place_id is None else tr("编辑场所"), parent)
        self.services, self.place_id = services, place_id
        self.saved_id: int | None = None
        self.grid = QComboBox()
        self.grid.addItem(tr("请选择"), None)
        for g in services.grids.list():
            if not services.actor.limited_to_grids or g.id in services.actor.grid_ids:
                self.grid.addItem(f"{g.code} {g.name}", g.id)
        self.add_field(tr("网格"), "grid_id", self.grid)
        self.kind = QComboBox()
        self.kind.addItem(tr("请选择"), None)
        for kid, name in services.places.kinds():
            self.kind.addItem(name, kid)
        self.add_field(tr("场所类型"), "kind_id", self.kind)
        self.name = self.add_field(tr("名称"), "name", QLineEdit())
        self.address = self.add_field(tr("地址"), "address", QLineEdit())
        self.contact = self.add_field(tr("联系人"), "contact", QLineEdit())
        self.phone = self.add_field(tr("联系电话"), "phone", QLineEdit())
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit(), limit=1000)
        self.notes.setFixedHeight(60)
        if place_id is not None:
            d = services.places.get(place_id)
            combo_select(self.grid, d.grid_id)
            combo_select(self.kind, d.kind_id)
            for w, v in (
                (self.name, d.name),
                (self.address, d.address),
                (self.contact, d.contact),
                (self.phone, d.phone),
            ):
                w.setText(v)
            self.notes.setPlainText(d.notes)
            self.enable_history(d.name, lambda: services.history(KIND, place_id))

    def submit(self) -> None:
        data = PlaceInput(self.grid.currentData(), self.kind.currentData(), self.name.text(), self.address.text(),
                          self.contact.text(), self.phone.text(), self.notes.toPlainText())  # fmt: skip
        if self.place_id is None:
            self.saved_id = self.services.places.create(data)
        else:
            self.services.places.update(self.place_id, data)
            self.saved_id = self.place_id


class InspectionDialog(RecordDialog):
    """巡查: tick every item of the place kind's checklist 合格 or 不合格 (with what is wrong)."""

    def __init__(self, services: Services, place: PlaceRow, parent: QWidget | None = None) -> None:
        super().__init__(tr("巡查 - {p}").format(p=place.name), parent)
        self.services, self.place = services, place
        self.saved_id: int | None = None
        head = QLabel(f"{place.name}（{place.kind}，{place.grid}）{place.address}")
        head.setWordWrap(True)
        self.form.addRow(head)
        self.at = self.add_field(tr("巡查时间"), "at", DateTimeEdit(minute_now()))
        self.inspector = self.add_field(tr("巡查人"), "inspector_id",
                                        member_combo(services, services.actor.member_id, empty=tr("请选择")))  # fmt: skip
        self.items = services.places.items(place.kind_id)
        self.table = QTableWidget(len(self.items), 4)
        self.table.setHorizontalHeaderLabels([tr("巡查项目"), tr("频次"), tr("不合格"), tr("问题说明")])
        self.table.verticalHeader().setVisible(False)
        self.failed: list[QCheckBox] = []
        self.notes_edits: list[QLineEdit] = []
        for r, item in enumerate(self.items):
            self.table.setItem(r, 0, QTableWidgetItem(item.text))
            self.table.setItem(r, 1, QTableWidgetItem(item.frequency_label))
            box = QCheckBox()
            note = QLineEdit()
            note.setMaxLength(200)
            note.setPlaceholderText(tr("不合格时填写"))
            self.table.setCellWidget(r, 2, box)
            self.table.setCellWidget(r, 3, note)
            self.failed.append(box)
            self.notes_edits.append(note)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(60 + 34 * len(self.items))
        self.add_field(tr("巡查项目"), "ticks", self.table)
        self.notes = self.add_field(tr("情况说明"), "notes", QPlainTextEdit(), limit=1000)
        self.notes.setFixedHeight(60)
        self.setMinimumWidth(760)

    def ticks(self) -> list[TickInput]:
        return [TickInput(item.id, not box.isChecked(), note.text())
                for item, box, note in zip(self.items, self.failed, self.notes_edits, strict=True)]  # fmt: skip

    def submit(self) -> None:
        try:
            self.saved_id = self.services.places.record_inspection(
                self.place.id,
                self.at.value(),
                self.ticks(),
                self.notes.toPlainText(),
                self.inspector.currentData(),
            )
        except DomainError as e:  # a failed item without a note: name it in the ticks' error line
            from policeroom.errors import ValidationError
            from policeroom.services.core.forms import FormErrors, errors_of

            if isinstance(e, ValidationError):
                errors = FormErrors()
                for field, message in errors_of(e).items():
                    errors.add("ticks" if field.startswith("tick") else field, message)
                raise errors from None
            raise


class InspectionsDialog(QDialog):
    """A place's inspection records, one line per ticked item; a failed one becomes a grid event in one
    click (转为网格事件), and a line with an event opens it (查看网格事件, or double-click)."""

    TICK_ROLE = Qt.ItemDataRole.UserRole + 1
    EVENT_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, services: Services, bus: ChangeBus, place: PlaceRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.bus, self.place = services, bus, place
        self.setWindowTitle(tr("巡查记录 - {p}").format(p=place.name))
        self.resize(900, 520)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [tr("巡查时间"), tr("巡查人"), tr("项目"), tr("结果"), tr("网格事件")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.to_event_button = QPushButton(tr("转为网格事件"))
        self.to_event_button.setObjectName("to_event")
        self.open_button = QPushButton(tr("查看网格事件"))
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        self.to_event_button.clicked.connect(self.to_event_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_selected())
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("选中不合格的项目，点击“转为网格事件”上报；已转的项目可查看其办理情况。")))
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.to_event_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        self.load()

    def load(self) -> None:
        rows = self.services.places.inspections(self.place.id)
        self.table.blockSignals(True)  # no selection signal while the old items are being destroyed
        self.table.clearSelection()
        self.table.setRowCount(0)
        for ins in rows:
            for t in ins.ticks:
                r = self.table.rowCount()
                self.table.insertRow(r)
                result = tr("合格") if t.ok else tr("不合格：{n}").format(n=t.note)
                event = t.event_number or ("" if t.ok else tr("未转"))
                for c, v in enumerate((fmt_dt(ins.at), ins.inspector, t.item, result, event)):
                    item = QTableWidgetItem(v)
                    item.setData(self.TICK_ROLE, None if t.ok else t.id)
                    item.setData(self.EVENT_ROLE, t.event_id)
                    self.table.setItem(r, c, item)
        if not rows:
            self.table.insertRow(0)
            self.table.setItem(0, 0, QTableWidgetItem(tr("该场所还没有巡查记录。")))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _selected(self, role: int) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(role) if items else None

    def _update_buttons(self) -> None:
        event_id = self._selected(self.EVENT_ROLE)
        self.to_event_button.setEnabled(self._selected(self.TICK_ROLE) is not None and event_id is None)
        self.open_button.setEnabled(event_id is not None)

    def select_tick(self, tick_id: int) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(self.TICK_ROLE) == tick_id:
                self.table.selectRow(r)
                return

    def to_event_selected(self) -> int | None:
        tick_id = self._selected(self.TICK_ROLE)
        if tick_id is None:
            return None
        try:
            event_id = self.services.places.event_from_tick(tick_id)
        except DomainError as e:
            QMessageBox.warning(self, tr("不能转为网格事件"), e.message)
            return None
        self.bus.notify("grid_event", event_id)
        self.load()
        self.open_event(event_id)
        return event_id

    def open_selected(self) -> None:
        event_id = self._selected(self.EVENT_ROLE)
        if event_id is not None:
            self.open_event(event_id)

    def open_event(self, event_id: int) -> None:
        from policeroom.ui.gridwork.event_detail import EventDetailDialog

        EventDetailDialog(self.services, self.bus, event_id, self).exec()
        self.load()


class PlacesPage(ListPage):
    """场所: new / edit places, 巡查 (record an inspection), 巡查记录; the checklist is set in 巡查项目设置."""

    kind = KIND
    noun = "场所"
    dialog_class = PlaceDialog
    export_name = "场所名单"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        model = ListTableModel(place_columns(), lambda _s, _d: self._load())
        super().__init__(model, tr("搜索场所名称、地址、联系人"), services, bus, parent)
        self.delete_button.hide()
        self.inspect_button = QPushButton(tr("巡查"))
        self.records_button = QPushButton(tr("巡查记录"))
        self.checklist_button = QPushButton(tr("巡查项目设置"))
        self.checklist_button.setVisible(services.actor.can(Perm.edit_settings))
        bar = self.layout().itemAt(0).layout()
        for i, b in enumerate((self.inspect_button, self.records_button, self.checklist_button)):
            bar.insertWidget(4 + i, b)
        self.inspect_button.clicked.connect(self.inspect_selected)
        self.records_button.clicked.connect(self.records_selected)
        self.checklist_button.clicked.connect(self.edit_checklists)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(tr("全部类型"), None)
        for kid, name in services.places.kinds():
            self.kind_filter.addItem(name, kid)
        self.grid_filter = QComboBox()
        self.grid_filter.addItem(tr("全部网格"), None)
        for g in services.grids.list():
            if not services.actor.limited_to_grids or g.id in services.actor.grid_ids:
                self.grid_filter.addItem(f"{g.code} {g.name}", g.id)
        for combo in (self.kind_filter, self.grid_filter):
            fit_combo(combo, extra=48)
        self.add_filter_row(self.kind_filter, self.grid_filter)
        bus.changed.connect(lambda kind, _ids: self.reload() if kind in (KIND, "inspection") else None)
        self.reload()
        self.resize_columns([176, 110, 110, 150, 70, 110, 90, 90, 100])

    def _load(self) -> list[PlaceRow]:
        if not hasattr(self, "grid_filter"):  # the base class loads before the filters exist
            return []
        return self.services.places.places(
            self.query, self.grid_filter.currentData(), self.kind_filter.currentData()
        )

    def record_service(self):  # noqa: ANN201
        return self.services.places

    def empty_text(self) -> str:
        if self.query:
            return super().empty_text()
        return tr("还没有场所。点击“新建场所”登记出租屋、“三小”场所、企业、学校等，按巡查项目定期巡查。")

    def inspect_selected(self) -> int | None:
        place = self.selected_row()
        if place is None:
            return None
        dlg = InspectionDialog(self.services, place, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("inspection", dlg.saved_id)
            failed = [t for t in dlg.ticks() if not t.ok]
            if failed:
                self.records_selected()
        return dlg.saved_id

    def records_selected(self) -> None:
        place = self.selected_row()
        if place is not None:
            InspectionsDialog(self.services, self.bus, place, self).exec()

    def edit_checklists(self) -> None:
        from policeroom.ui.gridwork.checklists import ChecklistDialog

        ChecklistDialog(self.services, self).exec()
        self.reload()


__all__ = ["InspectionDialog", "InspectionsDialog", "PlaceDialog", "PlacesPage", "Qt"]
