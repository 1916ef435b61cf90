"""活动设置: the activity kinds (an editable list), points per hour and how often one volunteer may redeem."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from policeroom.services.activities.rules import LIMIT_PERIODS
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import ERROR_STYLE, combo_select, save_with_status, tr


class ActivitySettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(tr("活动设置"))
        kinds, rate, limit = services.activities.settings()
        self.kinds = QPlainTextEdit("\n".join(kinds))
        self.kinds.setMinimumHeight(150)
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0.1, 100)
        self.rate.setDecimals(1)
        self.rate.setValue(rate)
        self.rate.setSuffix(tr(" 分 / 小时"))
        self.limit = QComboBox()
        for key, label in LIMIT_PERIODS.items():
            self.limit.addItem(tr(label), key)
        combo_select(self.limit, limit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        form = QFormLayout(self)
        form.addRow(tr("活动类型（每行一个）"), self.kinds)
        form.addRow(tr("积分换算"), self.rate)
        form.addRow(tr("兑换频次"), self.limit)
        form.addRow(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        ok = save_with_status(
            self.status,
            lambda: self.services.activities.save_settings(
                self.kinds.toPlainText().splitlines(), self.rate.value(), self.limit.currentData()
            ),
            tr("已保存"),
        )
        if ok:
            self.accept()
        return ok
