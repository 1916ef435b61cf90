"""The emergency unit dialog (最小应急单元): site, kind, grid, and its members with their posts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import EmergencyUnit
from policeroom.services.forces.types import MemberInput, UnitInput
from policeroom.services.registry import Services
from policeroom.ui.forces.volunteer_form import PersonPicker
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr


class MembersEditor(QWidget):
    """Members with posts: pick a resident, type the post, 添加; 移除 the selected line."""

    def __init__(self, services: Services, members: list[tuple[int, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PersonPicker(services)
        self.post = QLineEdit()
        self.post.setPlaceholderText(tr("岗位，如 门岗"))
        self.post.setMaxLength(40)
        add, remove = QPushButton(tr("添加")), QPushButton(tr("移除所选"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("成员"), tr("岗位")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(170)
        self.ids: list[int] = []
        for rid, name, post in members:
            self._append(rid, name, post)
        row = QHBoxLayout()
        row.addWidget(self.post, 1)
        row.addWidget(add)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.picker)
        lay.addLayout(row)
        lay.addWidget(self.table)
        lay.addWidget(remove)
        add.clicked.connect(self.add)
        remove.clicked.connect(self.remove)
        self.changed = self.table.itemChanged

    def _append(self, rid: int, name: str, post: str) -> None:
        i = self.table.rowCount()
        self.table.insertRow(i)
        item = QTableWidgetItem(name)
        item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
        self.table.setItem(i, 0, item)
        self.table.setItem(i, 1, QTableWidgetItem(post))
        self.ids.append(rid)

    def add(self) -> None:
        rid = self.picker.value()
        if rid is None:
            return
        self._append(rid, self.picker.choice.currentText().split("（")[0], self.post.text().strip())
        self.post.clear()

    def remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self.ids[row]

    def values(self) -> list[MemberInput]:
        return [MemberInput(rid, self.table.item(i, 1).text()) for i, rid in enumerate(self.ids)]


class UnitDialog(RecordDialog):
    limits_from = EmergencyUnit

    def __init__(self, services: Services, unit_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建应急单元") if unit_id is None else tr("编辑应急单元"), parent)
        self.services, self.unit_id, self.saved_id = services, unit_id, None
        self.setMinimumWidth(940)
        self.name = self.add_field(tr("单元名称"), "name", QLineEdit())
        self.kind = self.add_field(tr("场所类别"), "kind", QComboBox())
        self.kind.addItems(services.force_kinds.get("unit"))
        self.site = self.add_field(tr("场所地址"), "site", QLineEdit())
        self.grid = self.add_field(tr("网格"), "grid_id", QComboBox())
        if not services.actor.limited_to_grids:
            self.grid.addItem(tr("未分配"), None)
        for gid, label in services.grids.choices():
            self.grid.addItem(label, gid)
        self.partner = self.add_field(tr("依托单位"), "partner_unit_id", QComboBox())
        self.partner.addItem(tr("无"), None)
        for pid, name in services.force_groups.partner_choices():
            self.partner.addItem(name, pid)
        members: list[tuple[int, str, str]] = []
        if unit_id is not None:
            u = services.emergency.unit(unit_id)
            self.name.setText(u.name)
            combo_select(self.kind, u.kind)
            self.kind.setCurrentText(u.kind)
            self.site.setText(u.site)
            combo_select(self.grid, u.grid_id)
            combo_select(self.partner, u.partner_unit_id)
            members = [(m.resident_id, m.name, m.post) for m in services.emergency.members(unit_id)]
        self.add_column()
        self.members = self.add_field(tr("成员及岗位"), "members", MembersEditor(services, members))
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(50)
        if unit_id is not None:
            self.notes.setPlainText(u.notes)
            self.enable_history(u.name, lambda: services.history("emergency_unit", unit_id))

    def submit(self) -> None:
        data = UnitInput(name=self.name.text(), kind=self.kind.currentText(), site=self.site.text(),
                         grid_id=self.grid.currentData(), partner_unit_id=self.partner.currentData(),
                         notes=self.notes.toPlainText(), members=self.members.values())  # fmt: skip
        self.saved_id = self.services.emergency.save_unit(self.unit_id, data)
