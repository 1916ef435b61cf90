"""工作台 panels of field work: the visits due (each grid worker's list) and the officer's weekly duties."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from policeroom.services.fieldwork.duties import DutyLine
from policeroom.services.fieldwork.types import DueCounts
from policeroom.ui.i18n import tr

DONE = "#2e7d32"
NOT_DONE = "#c62828"


class DutiesPanel(QFrame):
    """民警每周工作要求: each duty ticked or not, with the count behind it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        self.title = QLabel(tr("<b>民警本周工作要求</b>"))
        lay.addWidget(self.title)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(32)
        lay.addLayout(self.grid)
        self.labels: dict[str, QLabel] = {}

    def set_lines(self, lines: list[DutyLine]) -> None:
        for i, line in enumerate(lines):
            label = self.labels.get(line.key)
            if label is None:
                label = self.labels[line.key] = QLabel()
                self.grid.addWidget(label, *divmod(i, 3))
            mark = f"<span style='color:{DONE if line.done else NOT_DONE}'>{'✔' if line.done else '✘'}</span>"
            label.setText(f"{mark} {tr(line.label)}　<span style='color:#616161'>{line.value}</span>")


def _card(caption: str) -> QPushButton:
    b = QPushButton()
    b.setProperty("caption", caption)
    b.setMinimumSize(120, 64)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setStyleSheet("font-size: 15px;")
    return b


class VisitsDuePanel(QFrame):
    """入户走访: overdue / due today / due this week in the actor's grids; the officer also sees each worker's."""

    open_visits = Signal(str)  # overdue / today / week

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("<b>入户走访</b>")))
        head.addStretch(1)
        lay.addLayout(head)
        row = QHBoxLayout()
        self.cards = {"overdue": _card(tr("走访已超期")), "today": _card(tr("今日应走访")), "week": _card(tr("本周应走访"))}
        for key, card in self.cards.items():
            card.clicked.connect(lambda _c=False, k=key: self.open_visits.emit(k))
            row.addWidget(card)
        self.workers = QLabel()
        self.workers.setWordWrap(True)
        self.workers.setStyleSheet("color: #37474f;")
        self.workers.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addSpacing(12)
        row.addWidget(self.workers, 1)
        lay.addLayout(row)

    def set_counts(self, mine: DueCounts, per_worker: list[tuple[str, DueCounts]] | None) -> None:
        for key, value in (("overdue", mine.overdue), ("today", mine.today), ("week", mine.this_week)):
            card = self.cards[key]
            card.setText(f"{value}\n{card.property('caption')}")
            card.setStyleSheet("font-size: 15px; color: #c62828;" if key == "overdue" and value else "font-size: 15px;")
        if per_worker:
            lines = [tr("{w}：超期{a} 今日{b} 本周{c}").format(w=w, a=c.overdue, b=c.today, c=c.this_week)
                     for w, c in per_worker[:8]]  # fmt: skip
            self.workers.setText(tr("各网格员待走访：") + "；".join(lines))
        else:
            self.workers.setText("")
        self.workers.setVisible(bool(per_worker))
