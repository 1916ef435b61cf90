"""兑换物品: the rewards catalogue (item, points, stock, valid until)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.services.activities.types import RewardRow
from policeroom.services.core.forms import errors_of
from policeroom.services.registry import Services
from policeroom.ui.activities.common import selected_id, table
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.table import Column, ListTableModel

COLUMNS = [
    Column(tr("物品"), lambda r: r.name),
    Column(tr("所需积分"), lambda r: r.points, align_right=True),
    Column(tr("库存"), lambda r: r.stock, align_right=True),
    Column(tr("兑换截止"), lambda r: str(r.valid_until or tr("长期"))),
    Column(tr("可兑换"), lambda r: r.active),
]


class CatalogueDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._selected = selected_id
        self.setWindowTitle(tr("兑换物品"))
        self.resize(720, 460)
        self.model = ListTableModel(COLUMNS, lambda _k, _d: services.rewards.items())
        self.view = table(self.model, [200, 80, 60, 100])
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.points = QSpinBox()
        self.points.setRange(1, 100000)
        self.stock = QSpinBox()
        self.stock.setRange(0, 100000)
        self.until = OptionalDateEdit()
        self.active = QCheckBox(tr("可兑换"))
        self.active.setChecked(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        form.addRow(tr("物品"), self.name)
        form.addRow(tr("所需积分"), self.points)
        form.addRow(tr("库存"), self.stock)
        form.addRow(tr("兑换截止"), self.until)
        form.addRow("", self.active)
        new, save = QPushButton(tr("新物品")), QPushButton(tr("保存"))
        new.clicked.connect(self.clear)
        save.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(save)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.item_id: int | None = None
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.load())
        self.model.reload()
        if services.actor.limited_to_grids:
            save.setEnabled(False)

    def clear(self) -> None:
        self.item_id = None
        self.view.clearSelection()
        self.name.clear()
        self.points.setValue(10)
        self.stock.setValue(0)
        self.until.set_value(None)
        self.active.setChecked(True)

    def load(self) -> None:
        iid = self._selected(self.view)
        row: RewardRow | None = next((r for r in self.services.rewards.items() if r.id == iid), None)
        if row is None:
            return
        self.item_id = row.id
        self.name.setText(row.name)
        self.points.setValue(row.points)
        self.stock.setValue(row.stock)
        self.until.set_value(row.valid_until)
        self.active.setChecked(row.active)

    def save(self) -> bool:
        try:
            self.item_id = self.services.rewards.save_item(
                self.item_id, self.name.text(), self.points.value(), self.stock.value(), self.until.value(),
                self.active.isChecked(),
            )  # fmt: skip
        except ValidationError as e:
            self.message.setText("；".join(errors_of(e).values()))
            return False
        except DomainError as e:
            QMessageBox.warning(self, tr("无法保存"), e.message)
            return False
        self.message.clear()
        self.model.reload()
        return True
