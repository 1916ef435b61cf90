"""The 网格工作 tab of the settings: household kinds with their visit rhythm, and the talk topics."""

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
from policeroom.services.fieldwork.config import parse_kinds
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.forms import save_with_status


class FieldworkRulesForm(QWidget):
    """户类与走访周期 (``困难家庭 1`` one a line) and 宣传主题; the officer saves, others read."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        editable = services.actor.can(Perm.edit_settings)
        kinds_box = QGroupBox(tr("户类与走访周期（每行：户类 月数）"))
        self.kinds = QPlainTextEdit(self._kinds_text())
        self.kinds.setReadOnly(not editable)
        self.kinds.setMinimumHeight(180)
        note = QLabel(tr("例如“困难家庭 1”为每月走访一次，“普通 6”为每半年一次。走访后按户类自动计算下次走访日期；"
                         "已登记的走访不受修改影响。"))  # fmt: skip
        note.setWordWrap(True)
        inner = QVBoxLayout(kinds_box)
        inner.addWidget(self.kinds)
        inner.addWidget(note)
        topics_box = QGroupBox(tr("防范宣传主题（每行一个）"))
        self.topics = QPlainTextEdit("\n".join(services.fieldwork_settings.topics()))
        self.topics.setReadOnly(not editable)
        self.topics.setMinimumHeight(150)
        QVBoxLayout(topics_box).addWidget(self.topics)
        row = QHBoxLayout()
        row.addWidget(kinds_box, 1)
        row.addWidget(topics_box, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        if not editable:
            lay.addWidget(QLabel(tr("只有社区民警可以修改设置。")))
        lay.addLayout(bottom)
        lay.addStretch(1)

    def _kinds_text(self) -> str:
        return "\n".join(f"{k.name} {k.months}" for k in self.services.fieldwork_settings.kinds())

    def save(self) -> bool:
        sv = self.services.fieldwork_settings

        def both() -> None:
            sv.save_kinds(parse_kinds(self.kinds.toPlainText()))
            sv.save_topics(self.topics.toPlainText().splitlines())

        ok = save_with_status(self.status, both, tr("已保存。新的户类和主题立即生效。"))
        if ok:
            self.kinds.setPlainText(self._kinds_text())
            self.topics.setPlainText("\n".join(sv.topics()))
            self.bus.notify("setting")
        return ok
