"""The 当前在岗 board of the 工作台: who is on post now and where (desk, duty, which grid on patrol), and a
warning when the hours ahead have fewer people on post than the requirements ask. Clicking opens 值班排班.

Imports only Qt at module level: the dashboard is built early, the service is already loaded by then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from policeroom.ui.i18n import tr

WARN_STYLE = "background: #fff8e1; color: #6d4c00; border: 1px solid #ffca28; border-radius: 4px; padding: 6px;"


class OnPostBoard(QFrame):
    """当前在岗; refreshes on roster changes and every minute."""

    clicked = Signal()

    def __init__(self, services, bus, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.services = services
        #: the clock (tests set another)
        self.clock: Callable[[], datetime] = datetime.now
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr("点击打开值班排班"))
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.people = QLabel()
        self.people.setTextFormat(Qt.TextFormat.RichText)
        self.people.setWordWrap(False)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARN_STYLE)
        # The lists scroll inside the board, so the 工作台 keeps fitting a small screen.
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(self.heading)
        il.addWidget(self.people)
        il.addWidget(self.warnings)
        il.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(inner)
        self.scroll.setMinimumHeight(36)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 2, 8, 2)
        lay.addWidget(self.scroll, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.clicked.connect(self._open_roster)
        bus.changed.connect(lambda kind, _ids: self.refresh() if kind in ("roster", "team_member", "grid") else None)
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        board = self.services.duty.board(self.clock())
        self.heading.setText(tr("<b>当前在岗</b>　<span style='color:#616161'>{t}</span>").format(
            t=f"{board.now:%H:%M}"))
        if board.on_post:
            rows = []
            for o in board.on_post:
                if o.post.startswith(tr("备勤")):
                    mark, color = tr("听班（不需签到）"), "#9e9e9e"
                else:
                    mark = tr("✓ 已签到") if o.checked_in else tr("未签到")
                    color = "#2e7d32" if o.checked_in else "#c62828"
                until = (tr("次日") if o.until.date() > board.now.date() else "") + f"{o.until:%H:%M}"
                rows.append(
                    f"<tr><td style='padding-right:14px'><b>{escape(o.name)}</b></td>"
                    f"<td style='padding-right:14px'>{escape(o.post)}</td>"
                    f"<td style='padding-right:14px'>{escape(o.shift)} {tr('至')}{until}</td>"
                    f"<td style='color:{color}'>{mark}</td></tr>")
            self.people.setText("<table>" + "".join(rows) + "</table>")
        else:
            self.people.setText(tr("<span style='color:#c62828'>现在没有人在岗。</span>"))
        self.warnings.setText("\n".join("⚠ " + w for w in board.warnings))
        self.warnings.setVisible(bool(board.warnings))
        self.scroll.setMaximumHeight(self.scroll.widget().sizeHint().height() + 4)  # no empty box below the list

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)

    def _open_roster(self) -> None:
        """Open 值班排班 in the main window (found from here, so the dashboard needs no new wiring)."""
        show = getattr(self.window(), "show_module", None)
        if callable(show):
            show("roster")
