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
        ("households_visited", "走访住户"),
        ("patrol_runs", "巡防记录"),
        ("talks", "防范宣传"),
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


#: (key, what to do, the page that does it, why) for a new room, in order
FIRST_STEPS = (
    ("team", "添加团队成员", "添加社区工作人员和网格员（“1+2+N”），并为他们开设账户"),
    ("grids", "划分网格", "登记网格，指定负责的网格员"),
    ("residents", "导入居民", "从 Excel 居民台账导入，或逐个登记"),
)


class FirstSteps(QFrame):
    """开始使用: what a new room does first, each step ticked off once done; hidden when all are."""

    open_people = Signal(str)  # "team" / "grids" / "residents"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("FirstSteps { background: #e3f2fd; border: 1px solid #90caf9; border-radius: 4px; }")
        grid = QGridLayout(self)
        grid.addWidget(QLabel(tr("<b>开始使用</b>：新的警务室请依次完成以下几步")), 0, 0, 1, 3)
        self.marks: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, (key, title, hint) in enumerate(FIRST_STEPS, start=1):
            mark = QLabel()
            button = QPushButton(tr(title))
            button.clicked.connect(lambda _c=False, k=key: self.open_people.emit(k))
            grid.addWidget(mark, row, 0)
            grid.addWidget(button, row, 1)
            grid.addWidget(QLabel(tr(hint)), row, 2)
            self.marks[key], self.buttons[key] = mark, button
        grid.setColumnStretch(2, 1)

    def set_done(self, done: dict[str, bool]) -> None:
        """Tick the steps done; the panel goes away once every step is."""
        for key, mark in self.marks.items():
            ok = done.get(key, False)
            mark.setText(tr("✓ 已完成") if ok else tr("{n}.").format(n=list(self.marks).index(key) + 1))
            mark.setStyleSheet("color: #2e7d32;" if ok else "font-weight: bold;")
            self.buttons[key].setEnabled(not ok)
        self.setVisible(not all(done.get(key, False) for key in self.marks))
