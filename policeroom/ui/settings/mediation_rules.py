"""The 矛盾纠纷 tab of the settings: the dispute types the ledger and cases are counted by."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.services.context import Perm
from policeroom.services.forms import errors_of
from policeroom.services.mediation_types import DEFAULT_DISPUTE_TYPES
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.forms import ERROR_STYLE

OK_STYLE = "color: #2e7d32;"


class MediationRulesForm(QWidget):
    """纠纷类型, one per line (the justice bureaus' list by default); the officer saves, others read."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        editable = services.actor.can(Perm.edit_settings)
        box = QGroupBox(tr("纠纷类型（每行一个）"))
        self.types = QPlainTextEdit("\n".join(services.disputes.dispute_types()))
        self.types.setReadOnly(not editable)
        self.types.setMinimumHeight(300)
        note = QLabel(tr("默认按司法行政机关统计口径：{types}。已登记纠纷的类型不受修改影响。").format(
            types="、".join(DEFAULT_DISPUTE_TYPES)))  # fmt: skip
        note.setWordWrap(True)
        inner = QVBoxLayout(box)
        inner.addWidget(self.types)
        inner.addWidget(note)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(box)
        if not editable:
            lay.addWidget(QLabel(tr("只有社区民警可以修改设置。")))
        lay.addLayout(bottom)
        lay.addStretch(1)

    def save(self) -> bool:
        try:
            types = self.services.disputes.save_dispute_types(self.types.toPlainText().splitlines())
        except ValidationError as e:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("；".join(errors_of(e).values()))
            return False
        except DomainError as e:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(e.message)
            return False
        self.types.setPlainText("\n".join(types))
        self.bus.notify("setting")
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(tr("已保存。新的纠纷类型立即生效。"))
        return True
