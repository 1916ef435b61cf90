"""Choosing a summary's period: an ISO week (year + week, the dates shown), a month, or any date range."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from policeroom.services.core import clock
from policeroom.services.summary.types import Period, month_period, range_period, week_period
from policeroom.ui.i18n import tr

KINDS = (("week", "按周"), ("month", "按月"), ("range", "自定义区间"))


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def weeks_in(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


class PeriodPicker(QWidget):
    """Kind, then year + week / year + month / from + to; 上一期, 下一期, 本周 (本月). Emits ``changed``."""

    changed = Signal()

    def __init__(self, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(tr(label), key)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(tr(" 年"))
        self.week = QSpinBox()
        self.week.setPrefix(tr("第 "))
        self.week.setSuffix(tr(" 周"))
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setSuffix(tr(" 月"))
        self.date_from = QDateEdit(calendarPopup=True)
        self.date_to = QDateEdit(calendarPopup=True)
        for d in (self.date_from, self.date_to):
            d.setDisplayFormat("yyyy-MM-dd")
        self.to_label = QLabel(tr("至"))
        self.dates = QLabel()
        self.dates.setStyleSheet("color: #455a64;")
        self.prev_btn = QPushButton(tr("上一期"))
        self.next_btn = QPushButton(tr("下一期"))
        self.now_btn = QPushButton(tr("本周"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.kind, self.year, self.week, self.month, self.date_from, self.to_label, self.date_to,
                  self.dates, self.prev_btn, self.next_btn, self.now_btn):  # fmt: skip
            lay.addWidget(w)
        lay.addStretch(1)
        self._busy = False
        self.set_period(week_period(self.today))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for spin in (self.year, self.week, self.month):
            spin.valueChanged.connect(self._edited)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(self._edited)
        self.prev_btn.clicked.connect(lambda: self.set_period(self.period().previous()))
        self.next_btn.clicked.connect(lambda: self.set_period(self.period().next()))
        self.now_btn.clicked.connect(self._now)

    @property
    def today(self) -> date:
        """The day 本周/本月 mean: asked of the clock each time (the desk PC stays on over midnight)."""
        return self._today or clock.today()

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "week":
            week = min(self.week.value(), weeks_in(self.year.value()))
            return week_period(date.fromisocalendar(self.year.value(), week, 1))
        if kind == "month":
            return month_period(self.year.value(), self.month.value())
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        return range_period(min(start, end), max(start, end))

    def set_period(self, p: Period) -> None:
        self._busy = True
        try:
            self.kind.setCurrentIndex([k for k, _ in KINDS].index(p.kind))
            year = p.iso[0] if p.kind == "week" else p.start.year
            self.year.setValue(year)
            self.week.setRange(1, weeks_in(year))
            if p.kind == "week":
                self.week.setValue(p.iso[1])
            self.month.setValue(p.start.month)
            self.date_from.setDate(_qdate(p.start))
            self.date_to.setDate(_qdate(p.end))
            self._show(p.kind)
        finally:
            self._busy = False
        self._update()

    def _show(self, kind: str) -> None:
        self.year.setVisible(kind != "range")
        self.week.setVisible(kind == "week")
        self.month.setVisible(kind == "month")
        for w in (self.date_from, self.to_label, self.date_to):
            w.setVisible(kind == "range")
        self.now_btn.setText(tr("本月") if kind == "month" else tr("本周"))
        self.now_btn.setVisible(kind != "range")

    def _kind_changed(self) -> None:
        if self._busy:
            return
        kind = self.kind.currentData()
        if kind == "week":
            self.set_period(week_period(self.today))
        elif kind == "month":
            self.set_period(month_period(self.today.year, self.today.month))
        else:
            self.set_period(range_period(self.today.replace(day=1), self.today))

    def _now(self) -> None:
        if self.kind.currentData() == "month":
            self.set_period(month_period(self.today.year, self.today.month))
        else:
            self.set_period(week_period(self.today))

    def _edited(self) -> None:
        if self._busy:
            return
        self.week.setRange(1, weeks_in(self.year.value()))
        self._update()

    def _update(self) -> None:
        p = self.period()
        self.dates.setText(p.dates + (f"（{p.days}天）" if p.kind == "range" else ""))
        self.changed.emit()
