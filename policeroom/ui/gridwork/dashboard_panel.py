"""The 工作台's grid-work panel: open and overdue grid events, and each grid worker's inspections due
(overdue, today, this week); a click opens the list behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from policeroom.services.gridwork.kind import OPEN_STATUSES
from policeroom.services.gridwork.places import due_by_worker
from policeroom.services.gridwork.types import EventFilter
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import tr

#: kinds of change that alter the panel
REFRESH_ON = ("grid_event", "inspection", "place")


class GridWorkPanel(QFrame):
    """网格工作 on the 工作台. ``open_gridwork(preset)``: ``events:open``, ``events:overdue``, ``places``."""

    open_gridwork = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.open_events = QPushButton()
        self.overdue_events = QPushButton()
        for b, preset in ((self.open_events, "events:open"), (self.overdue_events, "events:overdue")):
            b.setMinimumSize(140, 80)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setStyleSheet("font-size: 16px;")
            b.clicked.connect(lambda _c=False, p=preset: self.open_gridwork.emit(p))
        self.due = QGridLayout()
        self.due_hint = QLabel()
        self.due_hint.setStyleSheet("color: #616161;")
        cards = QHBoxLayout()
        cards.addWidget(self.open_events)
        cards.addWidget(self.overdue_events)
        cards.addStretch(1)
        self.due.setHorizontalSpacing(28)
        self.due.setColumnStretch(5, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("<b>网格工作</b>")))
        lay.addLayout(cards)
        lay.addWidget(QLabel(tr("场所巡查任务（按网格员）")))
        lay.addLayout(self.due)
        lay.addWidget(self.due_hint)

    def refresh(self) -> None:
        ge = self.services.grid_events
        n_open = ge.count(EventFilter(statuses=OPEN_STATUSES))
        n_overdue = ge.count(EventFilter(overdue_only=True))
        self.open_events.setText(f"{n_open}\n" + tr("未办结网格事件"))
        self.overdue_events.setText(f"{n_overdue}\n" + tr("超期网格事件"))
        self.overdue_events.setStyleSheet("font-size: 16px;" + (" color: #c62828;" if n_overdue else ""))
        while self.due.count():
            item = self.due.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        rows = due_by_worker(self.services.places)
        for c, head in enumerate(
            (tr("网格员"), tr("已逾期"), tr("今天到期"), tr("本周到期"), tr("最早到期的场所"))
        ):
            label = QLabel(f"<b>{head}</b>")
            self.due.addWidget(label, 0, c)
        for r, w in enumerate(rows, start=1):
            first = w.items[0] if w.items else None
            values = [w.name, str(w.overdue), str(w.today), str(w.week),
                      f"{first.place}（{first.due:%m-%d}）" if first else "—"]  # fmt: skip
            for c, v in enumerate(values):
                if c in (1, 2, 3) and v != "0":
                    button = QPushButton(v)
                    button.setFlat(True)
                    button.setStyleSheet("color: #c62828;" if c == 1 else "color: #1565c0;")
                    button.clicked.connect(lambda _c=False: self.open_gridwork.emit("places"))
                    self.due.addWidget(button, r, c)
                else:
                    self.due.addWidget(QLabel(v), r, c)
        self.due_hint.setText(tr("还没有网格员。") if not rows else tr("点击数字打开场所巡查。"))
