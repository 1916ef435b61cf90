"""The import preview's choice for grids the system does not know (网格在系统中不存在).

One summary line instead of the same message on every row, and three choices: create them, map each
to an existing grid (a small table), or import without a grid. The choice goes to the ledger
service's ``grid_choice``; the wizard checks the rows again with it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core.imports import ImportReport
from policeroom.services.people.ledger_io import GridChoice, unknown_grids_text
from policeroom.ui.i18n import tr

CHOICES = (("create", "新建这些网格"), ("map", "对应到已有网格"), ("none", "不填网格导入"))


class GridChoiceBox(QWidget):
    """Summary line, three choices and a name -> existing grid table."""

    changed = Signal()

    def __init__(self, choice: GridChoice, grids: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.grids = grids
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #c62828;")
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        self.buttons: dict[str, QRadioButton] = {}
        for mode, text in CHOICES:
            b = QRadioButton(tr(text))
            self.buttons[mode] = b
            self.group.addButton(b)
            row.addWidget(b)
            b.toggled.connect(lambda on, m=mode: on and self._choose(m))
        row.addStretch(1)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("文件中的网格"), tr("对应到")])
        self.table.setMaximumHeight(160)
        self.table.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addLayout(row)
        lay.addWidget(self.table)
        self.names: list[str] = []
        self.hide()

    def show_for(self, report: ImportReport) -> None:
        names = report.unknown.get("grid", [])
        if names:
            self.names = names
        if not self.names:
            self.hide()
            return
        self.label.setText(tr("{text}。请选择如何处理：").format(text=unknown_grids_text(report) or
                                                        tr("{n}个网格在系统中不存在：").format(n=len(self.names))
                                                        + "、".join(self.names)))
        if self.table.rowCount() != len(self.names):
            self.table.setRowCount(len(self.names))
            for i, name in enumerate(self.names):
                self.table.setCellWidget(i, 0, QLabel(name))
                combo = QComboBox()
                combo.addItem(tr("（不对应）"), None)
                for gid, title in self.grids:
                    combo.addItem(title, gid)
                combo.currentIndexChanged.connect(lambda _i: self._choose("map"))
                self.table.setCellWidget(i, 1, combo)
        self.show()

    def ready(self) -> bool:
        return self.choice.mode != "ask"

    def _choose(self, mode: str) -> None:
        self.choice.mode = mode
        self.table.setVisible(mode == "map")
        self.choice.mapping = {}
        if mode == "map":
            for i, name in enumerate(self.names):
                combo = self.table.cellWidget(i, 1)
                if isinstance(combo, QComboBox) and combo.currentData() is not None:
                    self.choice.mapping[name] = combo.currentData()
        self.changed.emit()


__all__ = ["GridChoiceBox"]
