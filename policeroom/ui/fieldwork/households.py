"""The 入户走访 tab: households (住户, with their next visit due) and visit records (入户走访记录)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import Household
from policeroom.services.core import clock
from policeroom.services.fieldwork.households import DUE_FILTERS, due_bucket
from policeroom.services.fieldwork.types import HouseholdInput, HouseholdRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.fieldwork.common import grid_combo
from policeroom.ui.fieldwork.visits import VisitDialog, VisitsPage
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr
from policeroom.ui.widgets.list_page import ListPage, SearchBox
from policeroom.ui.widgets.table import Column, ListTableModel


def household_columns() -> list[Column[HouseholdRow]]:
    def due_text(r: HouseholdRow) -> str:
        b = due_bucket(r.next_due, clock.today())
        return f"{r.next_due:%Y-%m-%d}" + (f"（{DUE_FILTERS[b]}）" if b else "")

    return [
        Column(tr("地址"), lambda r: r.address, "address"),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("户类"), lambda r: r.kind),
        Column(tr("户主或联系人"), lambda r: r.head_name),
        Column(tr("居住人员"), lambda r: "、".join(r.residents), tooltip=lambda r: "、".join(r.residents)),
        Column(tr("上次走访"), lambda r: f"{r.last_visit:%Y-%m-%d}" if r.last_visit else tr("未走访"),
               export=lambda r: r.last_visit),  # fmt: skip
        Column(tr("下次走访"), due_text, export=lambda r: r.next_due),
        Column(tr("网格员"), lambda r: "、".join(r.workers)),
    ]


class HouseholdDialog(RecordDialog):
    limits_from = Household

    def __init__(self, services: Services, household_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("登记住户") if household_id is None else tr("编辑住户"), parent)
        self.services, self.household_id = services, household_id
        self.saved_id: int | None = None
        self.grid = self.add_field(tr("网格"), "grid_id", grid_combo(services, none_label="请选择…"))
        self.building = self.add_field(tr("楼栋"), "building", QLineEdit())
        self.building.setPlaceholderText(tr("例如 3号楼"))
        self.unit = self.add_field(tr("单元"), "unit", QLineEdit())
        self.unit.setPlaceholderText(tr("例如 2单元"))
        self.room = self.add_field(tr("室"), "room", QLineEdit())
        self.room.setPlaceholderText(tr("例如 301"))
        self.kind = self.add_field(tr("户类"), "kind", QComboBox())
        for k in services.fieldwork_settings.kinds():
            self.kind.addItem(f"{k.name}（{k.rhythm}走访）", k.name)
        self.head = self.add_field(tr("户主或联系人"), "head_name", QLineEdit())
        self.add_column()
        self.search = SearchBox(tr("从居民中查找：姓名或拼音首字母"))
        self.search.setMinimumWidth(240)
        self.form.addRow(tr("查找居民"), self.search)
        self.residents = self.add_field(tr("居住人员"), "resident_ids", CheckList())
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(70)
        self._chosen: dict[int, str] = {}
        self.setMinimumWidth(860)
        self.search.search.connect(self._find)
        if household_id is not None:
            r = services.households.get(household_id)
            self.enable_history(r.address, lambda: services.history("household", household_id))
            combo_select(self.grid, r.grid_id)
            self.building.setText(r.building)
            self.unit.setText(r.unit)
            self.room.setText(r.room)
            if self.kind.findData(r.kind) < 0:
                self.kind.addItem(r.kind, r.kind)
            combo_select(self.kind, r.kind)
            self.head.setText(r.head_name)
            self.notes.setPlainText(r.notes)
            self._chosen = dict(zip(r.resident_ids, r.residents, strict=True))
        self._find("")

    def _find(self, query: str) -> None:
        """Search the person index; residents already ticked stay listed and ticked."""
        checked = set(self.residents.checked_ids())
        for i in range(self.residents.count()):
            item = self.residents.item(i)
            rid = item.data(Qt.ItemDataRole.UserRole)
            if rid in checked:
                self._chosen[rid] = item.text()
            else:
                self._chosen.pop(rid, None)
        found = self.services.households.resident_choices(query) if query else []
        items = list(self._chosen.items()) + [(i, t) for i, t in found if i not in self._chosen]
        self.residents.set_items(items, self._chosen.keys())

    def data(self) -> HouseholdInput:
        return HouseholdInput(self.grid.currentData(), self.building.text(), self.unit.text(), self.room.text(),
                              self.kind.currentData(), self.head.text(), self.residents.checked_ids(),
                              self.notes.toPlainText())  # fmt: skip

    def submit(self) -> None:
        if self.household_id is None:
            self.saved_id = self.services.households.create(self.data())
        else:
            self.services.households.update(self.household_id, self.data())
            self.saved_id = self.household_id


class HouseholdsPage(ListPage):
    kind = "household"
    noun = "住户"
    dialog_class = HouseholdDialog
    export_name = "住户走访台账"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services, self.bus = services, bus
        model: ListTableModel[HouseholdRow] = ListTableModel(household_columns(), self._load,
                                                             dimmed=lambda r: r.archived)  # fmt: skip
        self.grid = grid_combo(services, all_label="全部网格")
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(tr("全部户类"), None)
        for k in services.fieldwork_settings.kinds():
            self.kind_filter.addItem(k.name, k.name)
        self.due = QComboBox()
        self.due.addItem(tr("全部"), None)
        self.due.addItem(tr("待走访（已超期、今日、本周）"), "due_any")
        for key, label in DUE_FILTERS.items():
            self.due.addItem(tr(label), key)
        self.mine = QCheckBox(tr("只看我负责的"))
        super().__init__(model, tr("搜索：地址、户主、户类"), services, bus, parent)
        self.new_button.setText(tr("登记住户"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        bar = layout.itemAt(0).layout()
        assert isinstance(bar, QHBoxLayout)
        self.visit_button = QPushButton(tr("登记走访"))
        self.visit_button.setToolTip(tr("为选中的住户登记一次入户走访"))
        bar.insertWidget(4, self.visit_button)
        self.visit_button.clicked.connect(self.visit_selected)
        self.mine.setVisible(services.actor.member_id is not None)
        self.add_filter_row(self.grid, self.kind_filter, self.due, self.mine)
        bus.changed.connect(lambda kind, _ids: kind in ("household", "household_visit", "setting") and self.reload())
        self.reload()
        self.resize_columns([200, 160, 100, 100, 180, 90, 160, 90])

    def _load(self, _sort: str | None, _descending: bool) -> list[HouseholdRow]:
        me = self.services.actor.member_id if self.mine.isChecked() else None
        return self.services.households.list(self.query, grid_id=self.grid.currentData(),
                                             kind=self.kind_filter.currentData(), due=self.due.currentData(),
                                             worker_id=me)  # fmt: skip

    def apply_preset(self, name: str) -> None:
        """From the 工作台: ``overdue`` / ``today`` / ``week`` / ``due_any`` of the actor's households."""
        combo_select(self.due, name)
        self.mine.setChecked(self.services.actor.limited_to_grids)
        self.reload()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "visit_button"):
            row = self.selected_row()
            self.visit_button.setEnabled(row is not None and not row.archived)

    def record_service(self):  # noqa: ANN201
        return self.services.households

    def row_title(self, row: HouseholdRow | None) -> str:  # type: ignore[override]
        return row.address if row is not None else ""

    def export_row_fill(self, row: HouseholdRow) -> str | None:  # type: ignore[override]
        b = due_bucket(row.next_due, clock.today())
        return {"overdue": "F8D7DA", "today": "FFE5CC"}.get(b or "")

    def visit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dlg = VisitDialog(self.services, None, self, household_id=row.id)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("household_visit", dlg.saved_id)


class VisitsModule(QWidget):
    """住户 | 走访记录, side by side as two tabs."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.households = HouseholdsPage(services, bus)
        self.visits = VisitsPage(services, bus)
        self.tabs.addTab(self.households, tr("住户"))
        self.tabs.addTab(self.visits, tr("走访记录"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def apply_preset(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.households)
        self.households.apply_preset(name)

