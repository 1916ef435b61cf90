"""The 工作台's 群防群治 panel: this week's activities, hours confirmed this month, what waits for someone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from policeroom.services.activities.rules import fmt_hours
from policeroom.services.activities.types import ActivitiesGlance
from policeroom.ui.widgets.forms import tr

WEEKDAYS = "一二三四五六日"
#: how many of this week's activities the panel lists by name
LISTED = 5


class ForcesPanel(QFrame):
    """Four figures and the week's activities; a click opens 群防群治."""

    open_forces = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(tr("<b>群防群治</b>")), 0, 0, 1, 4)
        self.cards: dict[str, QPushButton] = {}
        for i, (key, caption) in enumerate((("week", "本周活动"), ("hours", "本月确认时长（小时）"),
                                            ("waiting", "待确认时长"), ("approval", "待审批兑换"))):  # fmt: skip
            card = QPushButton()
            card.setMinimumSize(150, 70)
            card.setCursor(Qt.CursorShape.PointingHandCursor)
            card.setStyleSheet("font-size: 15px;")
            card.setProperty("caption", tr(caption))
            card.clicked.connect(self.open_forces)
            grid.addWidget(card, 1, i)
            self.cards[key] = card
        self.week = QLabel()
        self.week.setWordWrap(True)
        self.week.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.week, 2, 0, 1, 4)
        grid.setColumnStretch(4, 1)

    def set_glance(self, g: ActivitiesGlance) -> None:
        values = {"week": str(len(g.this_week)), "hours": fmt_hours(g.minutes_this_month),
                  "waiting": str(g.waiting_confirmation), "approval": str(g.waiting_approval)}  # fmt: skip
        for key, card in self.cards.items():
            card.setText(f"{values[key]}\n{card.property('caption')}")
        self.cards["waiting"].setStyleSheet("font-size: 15px;" + (" color: #c62828;" if g.waiting_confirmation else ""))
        if not g.this_week:
            self.week.setText(tr("本周没有安排志愿服务活动。"))
            return
        lines = [
            f"{a.starts_at:%m-%d} 周{WEEKDAYS[a.starts_at.weekday()]} {a.starts_at:%H:%M}　{a.title}（{a.kind}，"
            f"{a.status_label}，{a.signed_up}人）"
            for a in sorted(g.this_week, key=lambda a: a.starts_at)[:LISTED]
        ]
        more = len(g.this_week) - LISTED
        self.week.setText("\n".join(lines) + (tr("\n……另有 {n} 项").format(n=more) if more > 0 else ""))
