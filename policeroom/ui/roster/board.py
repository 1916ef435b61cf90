"""The 当前在岗 board of the 工作台: who is on post now and where (desk, duty, which grid on patrol), and a
warning when the hours ahead have fewer people on post than the requirements ask. Clicking it (or its
值班排班 button) emits ``open_roster``; the 工作台 opens the module.

Imports only Qt at module level: the dashboard is built early, the service is already loaded by then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core import clock
from policeroom.ui.i18n import tr

WARN_STYLE = "background: #fff8e1; color: #6d4c00; border: 1px solid #ffca28; border-radius: 4px; padding: 6px;"


class OnPostBoard(QFrame):
    """当前在岗; the 工作台 refreshes it on roster changes (:meth:`set_board`), and it refreshes every minute."""

    open_roster = Signal()

    def __init__(self, services, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.services = services
        #: the clock (tests set another)
        self.clock: Callable[[], datetime] = clock.now
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr("点击打开值班排班"))
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.open_btn = QPushButton(tr("值班排班"))
        self.open_btn.clicked.connect(lambda _c=False: self.open_roster.emit())
        self.people = QLabel()
        self.people.setTextFormat(Qt.TextFormat.RichText)
        self.people.setWordWrap(False)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARN_STYLE)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.open_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.people)
        lay.addWidget(self.warnings)
        lay.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        self.set_board(self.services.duty.board(self.clock()))

    def set_board(self, board) -> None:  # noqa: ANN001 - roster_duty.Board
        self.heading.setText(tr("<b>当前在岗</b>　<span style='color:#616161'>{t}</span>").format(
            t=f"{board.now:%H:%M}"))
        if board.on_post:
            rows = []
            for o in board.on_post:
                if o.post.startswith(tr("备勤")):
                    mark, color = tr("听班"), "#9e9e9e"
                else:
                    mark = tr("✓已签到") if o.checked_in else tr("未签到")
                    color = "#2e7d32" if o.checked_in else "#c62828"
                until = (tr("次日") if o.until.date() > board.now.date() else "") + f"{o.until:%H:%M}"
                rows.append(
                    f"<tr><td style='padding-right:10px'><b>{escape(o.name)}</b></td>"
                    f"<td style='padding-right:10px'>{escape(o.post)}</td>"
                    f"<td style='padding-right:10px'>{tr('至')}{until}</td>"
                    f"<td style='color:{color}'>{mark}</td></tr>")
            self.people.setText("<table>" + "".join(rows) + "</table>")
        else:
            self.people.setText(tr("<span style='color:#c62828'>现在没有人在岗。</span>"))
        self.warnings.setText("\n".join("⚠ " + w for w in board.warnings))
        self.warnings.setVisible(bool(board.warnings))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.open_roster.emit()
        super().mousePressEvent(event)
