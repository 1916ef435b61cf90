"""The history window (修改记录) of any record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core.audit import HistoryItem
from policeroom.ui.i18n import tr


class HistoryDialog(QDialog):
    """Who changed what and when, newest first; each change lists field: before → after."""

    def __init__(self, title: str, items: list[HistoryItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("修改记录 - ") + title)
        self.resize(720, 460)
        lay = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [tr("时间"), tr("操作人"), tr("操作"), tr("字段"), tr("修改前"), tr("修改后")]
        )
        for item in items:
            top = QTreeWidgetItem(
                [item.at.strftime("%Y-%m-%d %H:%M:%S"), item.actor, item.action, "", "", ""]
            )
            for ch in item.changes:
                top.addChild(QTreeWidgetItem(["", "", "", ch.field, ch.before, ch.after]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        for c, w in enumerate((150, 80, 50, 90, 150, 150)):
            self.tree.setColumnWidth(c, w)
        if items:
            lay.addWidget(self.tree)
        else:
            lay.addWidget(QLabel(tr("这条记录还没有修改记录。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
