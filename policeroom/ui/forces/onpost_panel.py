"""应急单元在岗: the 工作台 panel beside 当前在岗 showing who of each emergency unit is on post now.

A unit with a single person on post cannot meet the 3-minute ring (互救 needs two): it is flagged.
Clicking the panel (or its button) emits ``open_forces``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from policeroom.ui.i18n import tr


class UnitsOnPostPanel(QFrame):
    open_forces = Signal()

    def __init__(self, services, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.services = services
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tr("点击打开群防群治 › 应急单元"))
        heading = QLabel(tr("<b>应急单元在岗</b>"))
        button = QPushButton(tr("应急单元"))
        button.clicked.connect(lambda _c=False: self.open_forces.emit())
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(heading)
        head.addStretch(1)
        head.addWidget(button)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.body)
        lay.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        units = self.services.emergency.on_post_now()
        if not units:
            self.body.setText(tr("<span style='color:#757575'>还没有最小应急单元。</span>"))
            return
        rows = []
        for u in units:
            n = len(u.on_post)
            color = "#c62828" if n == 0 else ("#e65100" if n == 1 else "#2e7d32")
            people = "、".join(f"{escape(name)}（{escape(post)}）" for name, post, _since in u.on_post) or tr("无人在岗")
            note = tr("　仅1人在岗，达不到3分钟互救") if n == 1 else ""
            rows.append(f"<p style='margin:2px 0'><b>{escape(u.unit)}</b>　<span style='color:{color}'>"
                        f"{n}/{u.members}{tr('人在岗')}{note}</span><br/>{people}</p>")
        self.body.setText("".join(rows))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.open_forces.emit()
        super().mousePressEvent(event)
