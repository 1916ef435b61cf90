"""The 群众求助 tab of the settings: categories and each step's time limit by urgency."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import URGENCY_LABELS, Urgency
from policeroom.services.core.context import Perm
from policeroom.services.registry import Services
from policeroom.services.requests.rules import DEFAULT_LIMITS, STEP_LABELS, RequestRules
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.forms import save_with_status

STEP_HINTS = {
    "dispatch": "从登记到派遣",
    "handle": "从派遣到第一次处置",
    "feedback": "从派遣到向求助人反馈",
    "close": "从回访到办结",
}


class RequestRulesForm(QWidget):
    """Categories (one per line) and the hour limits; the officer saves, others read."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        editable = services.actor.can(Perm.edit_settings)
        rules = services.requests.rules()

        cats_box = QGroupBox(tr("求助类别（每行一个）"))
        self.categories = QPlainTextEdit("\n".join(rules.categories))
        self.categories.setReadOnly(not editable)
        self.categories.setMinimumHeight(220)
        cats_lay = QVBoxLayout(cats_box)
        cats_lay.addWidget(self.categories)

        limits_box = QGroupBox(tr("办理时限（小时）"))
        grid = QGridLayout(limits_box)
        for col, urgency in enumerate(Urgency, start=1):
            grid.addWidget(QLabel(URGENCY_LABELS[urgency]), 0, col)
        self.spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        for row, step in enumerate(DEFAULT_LIMITS, start=1):
            label = QLabel(f"{STEP_LABELS[step]}（{STEP_HINTS[step]}）")
            grid.addWidget(label, row, 0)
            for col, urgency in enumerate(Urgency, start=1):
                spin = QDoubleSpinBox()
                spin.setDecimals(2)
                spin.setRange(0.25, 720)
                spin.setSingleStep(0.5)
                spin.setSuffix(tr(" 小时"))
                spin.setValue(rules.hours(step, urgency))
                spin.setEnabled(editable)
                self.spins[(step, urgency.value)] = spin
                grid.addWidget(spin, row, col)
        note = QLabel(
            tr(
                "回访应在反馈后 {n} 个工作日内完成（按国家法定节假日和调休计算）。超过时限显示黄色，"
                "再超过同样长的时间显示红色（督办）。"
            ).format(n=rules.visit_working_days)
        )
        note.setWordWrap(True)
        grid.addWidget(note, len(DEFAULT_LIMITS) + 1, 0, 1, 4)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(tr("保存"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(editable)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(cats_box, 1)
        top.addWidget(limits_box, 2)
        lay.addLayout(top)
        if not editable:
            lay.addWidget(QLabel(tr("只有社区民警可以修改设置。")))
        lay.addLayout(bottom)
        lay.addStretch(1)

    def rules(self) -> RequestRules:
        rules = RequestRules(
            categories=[c.strip() for c in self.categories.toPlainText().splitlines() if c.strip()]
        )
        for (step, urgency), spin in self.spins.items():
            rules.limits[step][urgency] = spin.value()
        return rules

    def save(self) -> bool:
        ok = save_with_status(
            self.status,
            lambda: self.services.requests.save_rules(self.rules()),
            tr("已保存。新的类别和时限立即生效。"),
        )
        if ok:
            self.bus.notify("setting")
        return ok
