"""工作台 panels beyond the request cards: 矛盾纠纷 due items, who is on post, this week against last week."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from policeroom.services.summary.types import WeekGlance
from policeroom.ui.i18n import tr


class Sparkline(QWidget):
    """Eight weeks as a small line, the last point marked."""

    def __init__(self, color: str = "#1565c0", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[int] = []
        self.color = QColor(color)
        self.setMinimumSize(QSize(96, 28))

    def set_values(self, values: list[int]) -> None:
        self.values = list(values)
        self.setToolTip(tr("近{n}周：").format(n=len(values)) + "、".join(str(v) for v in values))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        if len(self.values) < 2:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h, pad = self.width(), self.height(), 3
        top = max(max(self.values), 1)
        step = (w - 2 * pad) / (len(self.values) - 1)
        points = [QPointF(pad + i * step, h - pad - (h - 2 * pad) * v / top) for i, v in enumerate(self.values)]
        p.setPen(QPen(self.color, 1.6))
        p.drawPolyline(QPolygonF(points))
        p.setBrush(self.color)
        p.drawEllipse(points[-1], 2.5, 2.5)
        p.end()


def _card(text: str) -> QPushButton:
    b = QPushButton(text)
    b.setMinimumSize(140, 72)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setStyleSheet("font-size: 15px;")
    return b


class MediationPanel(QFrame):
    """矛盾纠纷: visits due, performance deadlines and sessions in the next 7 days, red-risk disputes open."""

    open_mediation = Signal(str)
    ITEMS = (
        ("visits_due", "visits_due", "待回访（3日内）"),
        ("performance_soon", "open", "7日内履行期满"),
        ("sessions_ahead", "open", "7日内调解会"),
        ("red_disputes", "red", "红色风险未化解"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("<b>矛盾纠纷</b>")))
        row = QHBoxLayout()
        self.cards: dict[str, QPushButton] = {}
        for key, preset, caption in self.ITEMS:
            card = _card("")
            card.setProperty("caption", tr(caption))
            card.clicked.connect(lambda _c=False, p=preset: self.open_mediation.emit(p))
            self.cards[key] = card
            row.addWidget(card)
        row.addStretch(1)
        lay.addLayout(row)

    def set_counts(self, due) -> None:  # noqa: ANN001 - mediation_read.MediationDue
        for key, card in self.cards.items():
            value = getattr(due, key)
            card.setText(f"{value}\n{card.property('caption')}")
            alert = key == "red_disputes" and value or key == "visits_due" and due.visits_overdue
            card.setStyleSheet("font-size: 15px; color: #c62828;" if alert else "font-size: 15px;")


class WeekPanel(QFrame):
    """本周与上周: a few figures side by side with eight-week sparklines; 周工作小结 opens the reports."""

    open_reports = Signal()
    ITEMS = (
        ("requests_received", "接收求助"),
        ("requests_closed", "办结求助"),
        ("requests_overdue", "超期未办"),
        ("disputes_screened", "排查纠纷"),
        ("cases_agreed", "调解成功"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("<b>本周与上周</b>")))
        head.addStretch(1)
        self.report_btn = QPushButton(tr("周工作小结"))
        self.report_btn.clicked.connect(self.open_reports)
        head.addWidget(self.report_btn)
        lay.addLayout(head)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for col, (key, caption) in enumerate(self.ITEMS):
            value = QLabel()
            value.setStyleSheet("font-size: 15px;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cap = QLabel(tr(caption))
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cap.setStyleSheet("color: #616161;")
            grid.addWidget(value, 0, col)
            grid.addWidget(cap, 1, col)
            self.values[key] = value
        self.spark_requests = Sparkline("#1565c0")
        self.spark_disputes = Sparkline("#ef6c00")
        sparks = QHBoxLayout()
        for label, spark in ((tr("近8周求助"), self.spark_requests), (tr("近8周纠纷"), self.spark_disputes)):
            sparks.addWidget(QLabel(label))
            sparks.addWidget(spark)
        sparks.addStretch(1)
        lay.addLayout(grid)
        lay.addLayout(sparks)

    def set_glance(self, g: WeekGlance) -> None:
        for key, label in self.values.items():
            now, before = getattr(g.this_week, key), getattr(g.last_week, key)
            arrow = "↑" if now > before else "↓" if now < before else "→"
            label.setText(f"{now} <span style='color:#757575; font-size:12px'>{arrow} " + tr("上周{n}").format(n=before)
                          + "</span>")  # fmt: skip
        self.spark_requests.set_values(g.spark_requests)
        self.spark_disputes.set_values(g.spark_disputes)


__all__ = ["MediationPanel", "Sparkline", "WeekPanel"]
