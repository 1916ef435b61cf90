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

from policeroom.services.core.context import Perm
from policeroom.services.mediation.types import DEFAULT_DISPUTE_TYPES
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.forms import save_with_status


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
        saved: list[list[str]] = []
        ok = save_with_status(
            self.status,
            lambda: saved.append(
                self.services.disputes.save_dispute_types(self.types.toPlainText().splitlines())
            ),
            tr("已保存。新的纠纷类型立即生效。"),
        )
        if ok:
            self.types.setPlainText("\n".join(saved[0]))
            self.bus.notify("setting")
        return ok
